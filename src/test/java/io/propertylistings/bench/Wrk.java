package io.propertylistings.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs wrk (another process, loopback only, bounded in time) and reads its summary. */
final class Wrk {

    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$",
            Pattern.MULTILINE);
    private static final Pattern TOTAL = Pattern.compile("([0-9]+) requests in ([0-9.]+)(ms|s|m)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: ([0-9]+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile(
            "Socket errors: connect ([0-9]+), read ([0-9]+), write ([0-9]+), timeout ([0-9]+)");

    /**
     * One run: requests per second, p50 and p99 in milliseconds, requests, failed or non-2xx/3xx responses, and
     * the CPU time the server's JVM and Redis spent per request (µs; NaN when not measured).
     */
    record Result(double requestsPerSecond, double p50Millis, double p99Millis, long requests, long errors,
            double cpuMicrosPerRequest) {
        Result withCpu(double cpuMicrosPerRequest) {
            return new Result(requestsPerSecond, p50Millis, p99Millis, requests, errors, cpuMicrosPerRequest);
        }
    }

    private final int threads;
    private final int connections;
    private final Path work;
    /** When each load ran: wall-clock milliseconds, start and end. */
    final List<long[]> runs = new ArrayList<>();

    Wrk(int threads, int connections, Path work) {
        this.threads = threads;
        this.connections = connections;
        this.work = work;
    }

    static String version() {
        try {
            Process process = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output.lines().findFirst().orElse("wrk").replaceAll("\\s*Copyright.*", "").trim();
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (bench/run.sh installs it with apt-get as root)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The command line, for BENCHMARKS.md. */
    String commandLine(URI url, int seconds, List<String> headers, Optional<String> script) {
        return String.join(" ", command(url, seconds, headers, script.map(Path::of)).stream()
                .map(argument -> argument.contains(" ") ? "'" + argument + "'" : argument).toList());
    }

    private List<String> command(URI url, int seconds, List<String> headers, Optional<Path> script) {
        List<String> command = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections,
                "-d" + seconds + "s", "--timeout", "10s", "--latency"));
        for (String header : headers) {
            command.add("-H");
            command.add(header);
        }
        script.ifPresent(file -> {
            command.add("-s");
            command.add(file.toString());
        });
        command.add(url.toString());
        return command;
    }

    Result run(URI url, int seconds, List<String> headers, Optional<Path> script) throws IOException, InterruptedException {
        List<String> command = command(url, seconds, headers, script);
        long started = System.currentTimeMillis();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
                throw new IllegalStateException("wrk did not stop: " + command);
            }
        } finally {
            process.destroyForcibly();
        }
        runs.add(new long[] {started, System.currentTimeMillis()});
        Files.writeString(work.resolve("wrk.log"), String.join(" ", command) + "\n" + output + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        Matcher rate = RATE.matcher(output);
        Matcher total = TOTAL.matcher(output);
        if (process.exitValue() != 0 || !rate.find() || !total.find()) {
            throw new IllegalStateException("wrk failed: " + String.join(" ", command) + "\n" + output);
        }
        double p50 = Double.NaN;
        double p99 = Double.NaN;
        Matcher percentile = PERCENTILE.matcher(output);
        while (percentile.find()) {
            double millis = millis(Double.parseDouble(percentile.group(2)), percentile.group(3));
            if (percentile.group(1).equals("50")) {
                p50 = millis;
            } else {
                p99 = millis;
            }
        }
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(output);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET_ERRORS.matcher(output);
        if (socket.find()) {
            for (int group = 1; group <= 4; group++) {
                errors += Long.parseLong(socket.group(group));
            }
        }
        return new Result(Double.parseDouble(rate.group(1)), p50, p99, Long.parseLong(total.group(1)), errors, Double.NaN);
    }

    private static double millis(double value, String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "us" -> value / 1000.0;
            case "ms" -> value;
            default -> value * 1000.0;
        };
    }
}
