package io.revloop;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Directories and files the hub writes, readable by its own user only: directories {@code 0700}, files
 * {@code 0600} where the file system is POSIX (elsewhere the platform's defaults apply). They hold
 * customer data — the database, imported and rejected files, exports — that other users of the machine
 * have no business reading. Directories that exist already keep their permissions: they were made by
 * someone who chose them.
 */
public final class PrivateFiles {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code dir} and any missing parent, each owner-only; returns {@code dir}. */
    public static Path createDirectories(Path dir) throws IOException {
        if (POSIX) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } else {
            Files.createDirectories(dir);
        }
        return dir;
    }

    /** Opens {@code file} for writing from its start, created owner-only (an existing file is made so). */
    public static OutputStream newOutputStream(Path file) throws IOException {
        if (!POSIX) {
            return Files.newOutputStream(file);
        }
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(FILE);
        SeekableByteChannel channel = Files.newByteChannel(file, Set.of(StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING), ownerOnly);
        try {
            Files.setPosixFilePermissions(file, FILE);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        return Channels.newOutputStream(channel);
    }

    /** A UTF-8 writer on {@link #newOutputStream}. */
    public static BufferedWriter newWriter(Path file) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(newOutputStream(file), StandardCharsets.UTF_8));
    }
}
