package io.propertylistings.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code NODES=2 ./mvnw -Prun} as a user runs it: {@link DevServer} in a JVM of its own, in a work directory of
 * its own, then SIGTERM, as Ctrl-C sends it.
 */
class DevServerNodesIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);
    private static final Pattern NODE_LINE = Pattern.compile("(?m)^Node (\\S+): (http://\\S+)$");

    @Test
    void aWriteThroughTheBalancerIsSeenOnBothNodesAndTheStopLeavesNothingRunning() throws Exception {
        Assumptions.assumeTrue(Nginx.installed().isPresent(), "nginx is not installed, so NODES=2 of ./mvnw -Prun is"
                + " not tried: install Debian's nginx-light package (.ci/run does so as root)");
        Path work = Files.createDirectories(Path.of(System.getProperty("it.workDirectory"), "dev-server-nodes"));
        Path console = work.resolve("console.log");
        int port = FreePort.onLoopback();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Ddev.target=" + Path.of(System.getProperty("it.war")).getParent(),
                "-Ddev.work=" + work.resolve("run"),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                DevServer.class.getName())
                .redirectErrorStream(true).redirectOutput(console.toFile());
        Map<String, String> environment = builder.environment();
        List.of("PROPERTIES_DB_HOST", "REDIS_ADDRESS").forEach(environment::remove); // its own, as on a laptop
        environment.put("NODES", "2");
        environment.put("PORT", Integer.toString(port));
        environment.put("PROPERTIES_ADMIN_USERNAME", TestAccounts.ADMIN);
        environment.put("PROPERTIES_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        // Every JVM of the run reads it, the nodes too: they start faster, and nothing here measures speed.
        environment.put("JAVA_TOOL_OPTIONS", PayaraMicroEnvironment.QUICK_START);
        Process run = builder.start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            Map<String, URI> nodes = awaitNodes(run, console);
            tree.addAll(run.descendants().toList()); // before the stop: an orphan is no one's descendant
            assertEquals(List.of("node-1", "node-2"), List.copyOf(nodes.keySet()), "the nodes printed");
            // Two nodes, nginx's master and worker, PostgreSQL and Redis at least.
            assertTrue(tree.size() >= 6, () -> "the run's processes: " + tree.stream().map(DevServerNodesIT::describe).toList());

            Http balancer = new Http(URI.create("http://localhost:" + port + "/"));
            Set<String> answered = new TreeSet<>();
            for (int i = 0; i < 4; i++) {
                answered.add(balancer.get("properties/").headers().firstValue("X-Upstream").orElse(""));
            }
            assertEquals(new TreeSet<>(nodes.values().stream().map(url -> "127.0.0.1:" + url.getPort()).toList()),
                    answered, "round robin over both nodes");
            for (Map.Entry<String, URI> node : nodes.entrySet()) {
                assertEquals(node.getKey(), Http.json(new Http(node.getValue()).get("cache/history")).getString("node"),
                        "the name its dashboard shows");
            }

            String location = "DevNodes-" + System.nanoTime();
            HttpResponse<byte[]> created = balancer.asAdmin().send("POST", "properties/", "application/json",
                    "{\"title\":\"v0\",\"description\":\"Two nodes\",\"price\":100.00,\"location\":\"" + location + "\"}");
            assertEquals(201, created.statusCode(), Http.text(created));
            String detail = "properties/" + Http.json(created).getJsonNumber("id").longValue();
            for (URI node : nodes.values()) {
                for (int i = 0; i < 2; i++) { // the second from the node's caches: the copy the write must evict
                    assertEquals("v0", Http.json(new Http(node).get(detail)).getString("title"));
                }
            }
            HttpResponse<byte[]> patched = balancer.asAdmin().send("PATCH", detail, "application/merge-patch+json",
                    "{\"title\":\"v1\"}");
            assertEquals(200, patched.statusCode(), Http.text(patched));
            for (Map.Entry<String, URI> node : nodes.entrySet()) {
                Http http = new Http(node.getValue());
                assertEquals("v1", Http.json(http.get(detail)).getString("title"), node.getKey() + ": the detail");
                assertEquals("v1", Http.json(http.get("properties/?location=" + location)).getJsonArray("properties")
                        .getJsonObject(0).getString("title"), node.getKey() + ": the list");
            }

            run.destroy(); // SIGTERM, as Ctrl-C
            assertTrue(run.waitFor(2, TimeUnit.MINUTES), "the run did not end on SIGTERM");
            for (ProcessHandle process : tree) {
                process.onExit().get(30, TimeUnit.SECONDS);
            }
            assertEquals(List.of(), tree.stream().filter(ProcessHandle::isAlive).map(DevServerNodesIT::describe).toList(),
                    "left running after the stop");
        } finally {
            tree.addAll(run.descendants().toList());
            run.destroyForcibly();
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** The nodes' URLs by name, once the run says it is up. */
    private static Map<String, URI> awaitNodes(Process run, Path console) throws IOException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String output = read(console);
        while (!output.contains("Ctrl-C stops")) {
            if (!run.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the run did not come up" + (run.isAlive() ? " within " + START_TIMEOUT
                        : ", it exited with " + run.exitValue()) + ":\n" + tail(output));
            }
            Waiting.betweenPolls(250);
            output = read(console);
        }
        Map<String, URI> nodes = new LinkedHashMap<>();
        Matcher line = NODE_LINE.matcher(output);
        while (line.find()) {
            nodes.put(line.group(1), URI.create(line.group(2)));
        }
        return nodes;
    }

    /** Bytes as read, whatever the encoding: a line may still be half written. */
    private static String read(Path console) throws IOException {
        return new String(Files.readAllBytes(console), StandardCharsets.ISO_8859_1);
    }

    private static String tail(String output) {
        return output.substring(Math.max(0, output.length() - 6000));
    }

    private static String describe(ProcessHandle process) {
        return process.pid() + " " + process.info().commandLine().orElse("?");
    }
}
