package io.propertylistings.portability;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collections;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** A server distribution zip from the Maven repository, unpacked afresh for each run. */
final class Distribution {

    private Distribution() {
    }

    /**
     * Unpacks {@code zip} into an emptied {@code target}, keeping the executable bits the scripts need (which
     * java.util.zip does not read).
     */
    static Path unpack(Path zip, Path target) throws IOException {
        ServerProcess.requireFile(zip, "distribution");
        deleteRecursively(target);
        Files.createDirectories(target);
        try (ZipFile archive = ZipFile.builder().setPath(zip).get()) {
            for (ZipArchiveEntry entry : Collections.list(archive.getEntries())) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                    continue;
                }
                Files.createDirectories(path.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    Files.copy(in, path, StandardCopyOption.REPLACE_EXISTING);
                }
                if ((entry.getUnixMode() & 0100) != 0) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        return target;
    }

    /** The one directory a distribution zip holds (wlp/, wildfly-39.0.1.Final/). */
    static Path singleRoot(Path unpacked) throws IOException {
        try (Stream<Path> children = Files.list(unpacked)) {
            var directories = children.filter(Files::isDirectory).toList();
            if (directories.size() != 1) {
                throw new IOException("expected one directory in " + unpacked + ", found " + directories);
            }
            return directories.get(0);
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
