package io.propertylistings.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JVM options that {@code server-config/payara/jvm.options} recommends for Payara Micro: every Payara
 * Micro started here ({@code ./mvnw -Prun}, the tests, the benchmark, the portability check) runs with them, so
 * the figures and the tests are those of the recommended settings.
 */
public final class PayaraJvmOptions {

    public static final Path FILE = Path.of("server-config", "payara", "jvm.options");

    private PayaraJvmOptions() {
    }

    /** One option per line; blank lines and lines starting with {@code #} are left out. */
    public static List<String> read() {
        try {
            return Files.readAllLines(FILE).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + FILE, e);
        }
    }
}
