package io.propertylistings.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server's CPU goes during a cache-hit load: JFR execution samples of the Payara JVM, each put in the
 * first category whose frames it contains (a sample on a request thread), or counted by thread otherwise.
 */
final class HitProfile {

    private static final Pattern FRAME = Pattern.compile("^\\s+([\\w$.<>/]+)\\(", Pattern.MULTILINE);
    private static final Pattern THREAD = Pattern.compile("sampledThread = \"([^\"]+)\"");

    private record Category(String name, Predicate<List<String>> matches) {
    }

    private static final List<Category> CATEGORIES = List.of(
            new Category("not a hit: the resource ran (a miss, or a bypass after a Redis timeout)",
                    contains("CachedResponseInterceptor.invoke")),
            new Category("the Redis round trip on the request thread (Redisson, Netty): `GenerationScripts.lookup`",
                    contains("GenerationScripts.lookup")),
            new Category("waiting for the shared Redis `GET` of the generation (`SharedRead`)", contains("SharedRead.")),
            new Category("writing the body, answered before JAX-RS (`EarlyHitFilter.write`)",
                    contains("EarlyHitFilter.write")),
            new Category("the rest of the answer before JAX-RS (signature, alias, near cache)",
                    contains("EarlyHitFilter.doFilter")),
            new Category("the rest of the cache interceptor, when JAX-RS answered (request key, near cache, response)",
                    contains("CachedResponseInterceptor.serve")),
            new Category("the servlet container's security (realm, JASPIC bridge, JACC checks; the WAR has no Jakarta Security mechanism)",
                    frames -> frames.stream().anyMatch(f -> f.contains("RealmAdapter") || f.contains("soteria")
                            || f.contains(".jacc."))),
            new Category("Payara's OpenTelemetry JAX-RS tracing (the ceiling pays it; a hit answered before JAX-RS does not)",
                    frames -> frames.stream().anyMatch(f -> f.toLowerCase(java.util.Locale.ROOT).contains("opentelemetry"))),
            new Category("writing the body through JAX-RS", contains("WriterInterceptorExecutor")),
            new Category("the servlet container and Grizzly, and Jersey where JAX-RS answered (the ceiling pays them all)",
                    frames -> frames.stream().anyMatch(f -> f.contains("jersey") || f.contains("grizzly")
                            || f.contains("catalina"))));

    private HitProfile() {
    }

    private static Predicate<List<String>> contains(String frame) {
        return frames -> frames.stream().anyMatch(f -> f.contains(frame));
    }

    /** Category (or thread group) to samples, most first; the total under the key "total". */
    static Map<String, Integer> of(Path recording) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jfr").toString(),
                "print", "--stack-depth", "300", "--events", "jdk.ExecutionSample", recording.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jfr print failed: " + output.lines().limit(5).toList());
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        int total = 0;
        for (String event : output.split("jdk\\.ExecutionSample")) {
            List<String> frames = new ArrayList<>();
            Matcher frame = FRAME.matcher(event);
            while (frame.find()) {
                frames.add(frame.group(1));
            }
            Matcher thread = THREAD.matcher(event);
            if (frames.isEmpty() || !thread.find()) {
                continue;
            }
            total++;
            String name = thread.group(1);
            if (!name.startsWith("http-thread-pool")) {
                counts.merge("other threads: " + name.replaceAll("[-0-9:( ].*", ""), 1, Integer::sum);
                continue;
            }
            String category = CATEGORIES.stream().filter(c -> c.matches().test(frames)).map(Category::name)
                    .findFirst().orElse("other work on the request thread");
            counts.merge(category, 1, Integer::sum);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> sorted.put(entry.getKey(), entry.getValue()));
        sorted.put("total", total);
        return sorted;
    }
}
