package io.revloop.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Data rows (header excluded) written per file name, in the order the files are listed in the import format.
 */
public record DemoSummary(Map<String, Long> rowsPerFile) {

    public DemoSummary {
        rowsPerFile = Collections.unmodifiableMap(new LinkedHashMap<>(rowsPerFile));
    }

    public long totalRows() {
        long total = 0;
        for (long rows : rowsPerFile.values()) {
            total += rows;
        }
        return total;
    }
}
