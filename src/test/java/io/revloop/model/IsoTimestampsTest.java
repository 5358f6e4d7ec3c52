package io.revloop.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The fast path reads the common forms exactly as OffsetDateTime.parse does, and leaves the rest to it. */
class IsoTimestampsTest {

    @Test
    void commonFormsAsTheFullParserReadsThem() {
        for (String text : new String[] {"2026-03-01T09:30:00Z", "2026-03-01T09:30:00+01:00",
                "2026-03-01T09:30:00-05:30", "2026-03-01T09:30:00.123Z", "2026-12-31T23:59:59.999+14:00",
                "2026-01-01T00:02:00.000Z"}) {
            assertThat(IsoTimestamps.parseCommonForm(text)).as(text).isEqualTo(OffsetDateTime.parse(text));
        }
        // HubSpot's form: 30 s and 123 ms after 09:30 UTC
        assertThat(IsoTimestamps.parseCommonForm("2026-03-01T09:30:30.123Z").getNano()).isEqualTo(123_000_000);
    }

    @Test
    void otherFormsAreLeftToTheFullParser() {
        for (String text : new String[] {"2026-03-01T09:30Z", "2026-03-01T09:30:00.1Z", "2026-03-01T09:30:00.123456Z",
                "2026-03-01T09:30:00", "2026-03-01T09:30:00.123", "2026-03-01T09:30:00+0100",
                "2026-03-01T09:30:00.000+0000", "2026-02-30T09:30:00Z", "2026-03-01T09:30:00.12xZ",
                "2026-03-01 09:30:00Z"}) {
            assertThat(IsoTimestamps.parseCommonForm(text)).as(text).isNull();
        }
    }
}
