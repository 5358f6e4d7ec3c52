package io.revloop.kpi;

import io.revloop.kpi.facts.KpiInput;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * {@code kpi_coverage}: the newest day of each KPI input as of the last compute, which wrote it in
 * its transaction; read by what judges a period after the compute (alerts, digests, values computed
 * on request).
 */
@Repository
public class DataCoverageStore {

    private final JdbcTemplate jdbc;

    public DataCoverageStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void save(DataCoverage coverage) {
        jdbc.update("DELETE FROM kpi_coverage");
        List<Object[]> rows = coverage.newestDays().entrySet().stream()
                .map(e -> new Object[] {e.getKey().id(), e.getValue()}).toList();
        jdbc.batchUpdate("INSERT INTO kpi_coverage (input_id, newest_day) VALUES (?, ?)", rows);
    }

    public DataCoverage load() {
        Map<KpiInput, LocalDate> newest = new EnumMap<>(KpiInput.class);
        jdbc.query("SELECT input_id, newest_day FROM kpi_coverage", rs -> {
            newest.put(KpiInput.of(rs.getString(1)), rs.getObject(2, LocalDate.class));
        });
        return new DataCoverage(newest);
    }
}
