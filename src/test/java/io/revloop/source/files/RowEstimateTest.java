package io.revloop.source.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rows a run expects from an import file: counted in a small file, estimated in a large one. */
class RowEstimateTest {

    private static final String HEADER = "id,email,created_at\n";

    @TempDir
    Path dir;

    @Test
    void rowsOfASmallFileAreCountedWithOrWithoutALastLineBreak() throws Exception {
        Path ended = write("ended.csv", HEADER + "a,a@example.com,2026-03-01\nb,b@example.com,2026-03-02\n");
        Path open = write("open.csv", HEADER + "a,a@example.com,2026-03-01\nb,b@example.com,2026-03-02");
        Path headerOnly = write("header.csv", HEADER);

        assertThat(RowEstimate.rows(ended, Files.size(ended))).isEqualTo(2);
        assertThat(RowEstimate.rows(open, Files.size(open))).isEqualTo(2);
        assertThat(RowEstimate.rows(headerOnly, Files.size(headerOnly))).isZero();
    }

    @Test
    void rowsOfALargeFileAreEstimatedFromItsFirstMegabyte() throws Exception {
        // a 20-byte header and 170 000 rows of 100 bytes: 17 000 020 bytes, above the 16 MiB counted whole.
        // The first 1 048 576 bytes hold the header and (1 048 576 - 20) / 100 = 10 485 whole rows: 10 486
        // line breaks, so 10 486 x 17 000 020 / 1 048 576 = 170 004.09 lines, 170 003 rows after the header
        // (the cut row at the end of the sample makes the estimate 3 rows high)
        Path large = dir.resolve("large.csv");
        String row = "x".repeat(99) + "\n";
        try (BufferedWriter out = Files.newBufferedWriter(large)) {
            out.write(HEADER);
            for (int i = 0; i < 170_000; i++) {
                out.write(row);
            }
        }

        assertThat(Files.size(large)).isEqualTo(17_000_020L);
        assertThat(RowEstimate.rows(large, Files.size(large))).isEqualTo(170_003);
    }

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }
}
