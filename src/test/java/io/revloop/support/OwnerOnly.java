package io.revloop.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Checks that what the hub wrote is readable by its own user only; skipped where the file system is not POSIX. */
public final class OwnerOnly {

    private OwnerOnly() {
    }

    public static void assertDirectory(Path dir) throws IOException {
        assertPermissions(dir, "rwx------");
    }

    public static void assertFile(Path file) throws IOException {
        assertPermissions(file, "rw-------");
    }

    private static void assertPermissions(Path path, String expected) throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)))
                .as(path.toString()).isEqualTo(expected);
    }
}
