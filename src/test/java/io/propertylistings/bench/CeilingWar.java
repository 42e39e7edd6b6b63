package io.propertylistings.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Assembles the benchmark-only WAR from the compiled test classes of the {@code ceiling} package. */
final class CeilingWar {

    private static final String PACKAGE = "io/propertylistings/bench/ceiling/";

    private CeilingWar() {
    }

    static Path assemble(Path testClasses, Path war) throws IOException {
        Path classes = testClasses.resolve(PACKAGE);
        List<Path> files;
        try (Stream<Path> listing = Files.list(classes)) {
            files = listing.filter(path -> path.toString().endsWith(".class")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no compiled ceiling classes in " + classes);
        }
        Files.createDirectories(war.getParent());
        try (OutputStream out = Files.newOutputStream(war); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry("WEB-INF/classes/" + PACKAGE + file.getFileName()));
                zip.write(Files.readAllBytes(file));
                zip.closeEntry();
            }
        }
        return war;
    }
}
