package io.propertylistings.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from the operating system (promtool, chromium) that some checks need. {@code .ci/run} installs them
 * where it can; elsewhere the checks are skipped with a message that says how to get the program.
 */
public record ExternalTool(Path executable) {

    /** What the tool wrote to standard output and to standard error. */
    public record Result(int exitCode, String output, String errors) {

        /** Both streams, for an assertion message. */
        public String report() {
            return "exit " + exitCode + "\n" + output + (errors.isBlank() ? "" : "\nstandard error:\n" + errors);
        }
    }

    /** The tool on the PATH, or the test is skipped (not failed) with a message naming the package. */
    public static ExternalTool require(String name, String debianPackage) {
        Optional<Path> found = find(name);
        Assumptions.assumeTrue(found.isPresent(), () -> name + " is not installed, so this check is skipped: "
                + "install Debian's " + debianPackage + " package (.ci/run does so as root)");
        return new ExternalTool(found.get());
    }

    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (!directory.isEmpty() && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Runs the tool with {@code arguments}, standard input from {@code input} if given, within {@code seconds}. */
    public Result run(long seconds, Path input, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile(Path.of("target"), "tool-", ".out");
        Path errors = Files.createTempFile(Path.of("target"), "tool-", ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile());
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new AssertionError(command + " did not finish within " + seconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8),
                    Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }
}
