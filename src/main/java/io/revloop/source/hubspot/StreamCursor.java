package io.revloop.source.hubspot;

import java.time.Instant;

/**
 * Where an object stream stands, as stored in {@code sync_state}. A first load lists every record
 * ({@code full|<load start>|<after>}, resumable at the page token); once it is done the stream is
 * incremental ({@code since|<last modified>}): the next search asks for records modified at or
 * after that time. A first load hands over at its own start time, so changes made while it ran
 * are searched for next.
 */
record StreamCursor(boolean fullLoad, Instant since, String after) {

    static StreamCursor startFullLoad(Instant now) {
        return new StreamCursor(true, now, null);
    }

    static StreamCursor incremental(Instant since) {
        return new StreamCursor(false, since, null);
    }

    StreamCursor nextPage(String nextAfter) {
        return nextAfter == null ? incremental(since) : new StreamCursor(true, since, nextAfter);
    }

    static StreamCursor parse(String stored) {
        String[] parts = stored.split("\\|", -1);
        if (parts[0].equals("full") && parts.length == 3) {
            return new StreamCursor(true, Instant.parse(parts[1]), parts[2].isEmpty() ? null : parts[2]);
        }
        if (parts[0].equals("since") && parts.length == 2) {
            return incremental(Instant.parse(parts[1]));
        }
        throw new IllegalStateException("unreadable HubSpot stream cursor '" + stored + "'");
    }

    String format() {
        return fullLoad ? "full|" + since + "|" + (after == null ? "" : after) : "since|" + since;
    }
}
