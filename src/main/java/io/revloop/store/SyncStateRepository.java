package io.revloop.store;

import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The cursor of each source stream; written in the transaction of the records it covers. */
@Repository
public class SyncStateRepository {

    private final JdbcTemplate jdbc;

    public SyncStateRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String source, String stream) {
        return jdbc.queryForList("SELECT cursor_value FROM sync_state WHERE source = ? AND stream_name = ?",
                String.class, source, stream).stream().findFirst();
    }

    /**
     * The first day a daily report stream reads next: {@code lookbackDays} back from the last day it
     * read (its cursor, a date; never after {@code today}), so days the platform restates are read
     * again; on the first run, {@code initialDays} back from today.
     */
    public java.time.LocalDate reportWindowStart(String source, String stream, java.time.LocalDate today,
                                                 int lookbackDays, int initialDays) {
        return get(source, stream).map(java.time.LocalDate::parse)
                .map(last -> (last.isAfter(today) ? today : last).minusDays(lookbackDays - 1L))
                .orElse(today.minusDays(initialDays - 1L));
    }

    public void put(String source, String stream, String cursor) {
        OffsetDateTime now = OffsetDateTime.now();
        int updated = jdbc.update("UPDATE sync_state SET cursor_value = ?, updated_at = ? WHERE source = ?"
                + " AND stream_name = ?", cursor, now, source, stream);
        if (updated == 0) {
            jdbc.update("INSERT INTO sync_state (source, stream_name, cursor_value, updated_at) VALUES (?, ?, ?, ?)",
                    source, stream, cursor, now);
        }
    }

    public void delete(String source, String stream) {
        jdbc.update("DELETE FROM sync_state WHERE source = ? AND stream_name = ?", source, stream);
    }
}
