package io.revloop.source.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Map;

/**
 * The delimiter of an import file, told from its header row: comma, semicolon (what spreadsheets
 * write where the comma is the decimal separator) or tab, whichever occurs most often outside
 * quotes; a comma when there is none (a single column) or on a tie.
 */
final class HeaderDelimiter {

    private static final char[] CANDIDATES = {',', ';', '\t'};
    private static final Map<Character, String> NAMES = Map.of(',', "comma", ';', "semicolon", '\t', "tab");
    /** How much of the header is looked at: plenty for any real header, and bounded for any file. */
    private static final int LOOK_AHEAD = 65_536;

    private HeaderDelimiter() {
    }

    /** Reads the header row ahead and steps back to where the reader was. */
    static char detect(BufferedReader reader) throws IOException {
        int[] counts = new int[CANDIDATES.length];
        reader.mark(LOOK_AHEAD);
        boolean quoted = false;
        for (int i = 0, c; i < LOOK_AHEAD && (c = reader.read()) >= 0; i++) {
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && (c == '\n' || c == '\r')) {
                break;
            } else if (!quoted) {
                for (int k = 0; k < CANDIDATES.length; k++) {
                    counts[k] += c == CANDIDATES[k] ? 1 : 0;
                }
            }
        }
        reader.reset();
        int best = 0;
        for (int k = 1; k < CANDIDATES.length; k++) {
            best = counts[k] > counts[best] ? k : best;
        }
        return CANDIDATES[best];
    }

    /** How a message names the delimiter: {@code comma}, {@code semicolon} or {@code tab}. */
    static String name(char delimiter) {
        return NAMES.get(delimiter) + " ('" + (delimiter == '\t' ? "\\t" : String.valueOf(delimiter)) + "')";
    }
}
