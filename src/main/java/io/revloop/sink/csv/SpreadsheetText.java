package io.revloop.sink.csv;

/**
 * Text written into a CSV file that people open in a spreadsheet, made inert against CSV injection
 * (OWASP): a cell starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * would be run as a formula, so it gets a leading {@code '}, which spreadsheets show as text. Only text
 * goes through here — campaign names, owners, sources come from imports and CRMs anyone may have typed
 * into; numbers are written as they are, so {@code -12.5} stays a number.
 */
public final class SpreadsheetText {

    private SpreadsheetText() {
    }

    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }
}
