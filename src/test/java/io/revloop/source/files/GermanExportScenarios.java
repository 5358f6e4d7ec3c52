package io.revloop.source.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.nio.charset.Charset;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The inbox of a team whose spreadsheets are German: numbers as {@code 1.500,50}, dates as
 * {@code 15.11.2026} or {@code 15/11/2026} (day first), semicolons between columns, Windows-1252
 * text, in the time zone Europe/Berlin (UTC+1 in November). Runs once per database (see the
 * subclasses); the default forms are in {@link FileImportScenarios}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "revloop.demo.enabled=false",
        "revloop.time-zone=Europe/Berlin",
        "revloop.sources.files.schedule=0 0 0 1 1 ? 2099",
        "revloop.sources.files.number-format=de",
        "revloop.sources.files.date-order=DMY"})
abstract class GermanExportScenarios extends InboxTestSupport {

    @Test
    void anExcelExportWithGermanNumbersAndDatesIsImported() throws Exception {
        Charset windows1252 = Charset.forName("windows-1252");
        writeBytes("leads.csv", """
                id;company;created_at;mql_at;score
                l1;Müller GmbH;15.11.2026 10:00;16/11/2026;10
                l2;Société Générale;2026-11-15 10:00:00;;
                l3;Zeiss;15.11.2026;;1.5
                """.getBytes(windows1252));
        writeBytes("deals.csv", """
                id;amount;created_at;expected_close_date
                d1;1.500,50;15.11.2026 10:00;31/12/2026
                d2;1500,50;15.11.2026;
                d3;1.500.5;15.11.2026;
                d4;2.000;31.02.2026;
                """.getBytes(windows1252));
        writeBytes("fx_rates.csv", """
                date;currency;rate
                15.11.2026;USD;0,915
                """.getBytes(windows1252));

        Map<String, Object> run = runFiles();

        // 3 leads + 4 deals + 1 rate read; l3, d3 and d4 dead-lettered
        assertThat(run).containsEntry("recordsRead", 8).containsEntry("upserted", 5).containsEntry("deadLettered", 3);
        assertThat(jdbc.queryForObject("SELECT company FROM leads WHERE external_id = 'l1'", String.class))
                .isEqualTo("Müller GmbH");
        assertThat(jdbc.queryForObject("SELECT company FROM leads WHERE external_id = 'l2'", String.class))
                .isEqualTo("Société Générale");
        // 10:00 in Berlin is 09:00 UTC; 16/11/2026 (day first) starts at 00:00 in Berlin, 23:00 UTC the day before
        assertThat(instant("SELECT created_at FROM leads WHERE external_id = 'l1'"))
                .isEqualTo(Instant.parse("2026-11-15T09:00:00Z"));
        assertThat(instant("SELECT mql_at FROM leads WHERE external_id = 'l1'"))
                .isEqualTo(Instant.parse("2026-11-15T23:00:00Z"));
        assertThat(instant("SELECT created_at FROM leads WHERE external_id = 'l2'"))
                .isEqualTo(Instant.parse("2026-11-15T09:00:00Z"));
        assertThat(decimal("SELECT amount FROM deals WHERE external_id = 'd1'")).isEqualByComparingTo("1500.50");
        assertThat(decimal("SELECT amount FROM deals WHERE external_id = 'd2'")).isEqualByComparingTo("1500.50");
        assertThat(instant("SELECT created_at FROM deals WHERE external_id = 'd2'"))
                .isEqualTo(Instant.parse("2026-11-14T23:00:00Z"));
        assertThat(jdbc.queryForObject("SELECT expected_close_date FROM deals WHERE external_id = 'd1'",
                LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(decimal("SELECT rate FROM fx_rates WHERE rate_date = DATE '2026-11-15'")).isEqualByComparingTo("0.915");
        String de = " is not a number in the de number format (1.500,50 or 1500,50; revloop.sources.files.number-format)";
        assertThat(reasons(run)).containsOnly(
                entry("leads.csv:4", "line 4: score '1.5'" + de),
                entry("deals.csv:4", "line 4: amount '1.500.5'" + de),
                entry("deals.csv:5", "line 5: created_at '31.02.2026' is not a date (day.month.year)"));
    }
}
