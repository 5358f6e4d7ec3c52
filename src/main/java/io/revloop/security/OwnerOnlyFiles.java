package io.revloop.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Files and directories only their owner may read: 0700 directories, 0600 files (where the file system has POSIX permissions). */
public final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    private static boolean posix(Path path) {
        return path.toAbsolutePath().getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory and missing parents, the new ones owner-only. */
    public static Path createDirectories(Path dir) throws IOException {
        if (dir == null || Files.isDirectory(dir)) {
            return dir;
        }
        Path absolute = dir.toAbsolutePath();
        createDirectories(absolute.getParent());
        try {
            if (posix(absolute)) {
                Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(DIRECTORY));
            } else {
                Files.createDirectory(absolute);
            }
        } catch (FileAlreadyExistsException raced) {
            // made meanwhile by another thread
        }
        return dir;
    }

    /** Writes {@code text} to {@code file}, replacing it; a new file is owner-only, an existing one is made so. */
    public static void writeString(Path file, String text) throws IOException {
        if (posix(file) && !Files.exists(file)) {
            FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
            Files.createFile(file, ownerOnly);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        if (posix(file)) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }
}
