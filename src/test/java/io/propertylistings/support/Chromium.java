package io.propertylistings.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Headless Chromium for the tests of the pages, skipped with a message where it is not installed. Either one run
 * that prints the DOM or takes a screenshot once the page's virtual time is spent ({@link #run}), or a page to
 * drive step by step over the DevTools protocol ({@link #open}). Profiles, screenshots and logs go to
 * {@code target/chromium/}.
 */
public final class Chromium {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final ExternalTool tool;
    private final Path target;

    private Chromium(ExternalTool tool, Path target) {
        this.tool = tool;
        this.target = target;
    }

    /** Chromium from the PATH, or the test is skipped. */
    public static Chromium require() throws IOException {
        return new Chromium(ExternalTool.require("chromium", "chromium"),
                Files.createDirectories(Path.of("target", "chromium")).toAbsolutePath());
    }

    /** Where the runs' files go. */
    public Path target() {
        return target;
    }

    /**
     * Runs Chromium once with {@code more} flags (a URL among them) and a virtual time budget of 6 s: it runs the
     * page's timers, and network fetches hold it until they are answered.
     */
    public Run run(String run, String... more) throws IOException, InterruptedException {
        List<String> flags = flags(run);
        flags.add("--virtual-time-budget=6000");
        flags.addAll(List.of(more));
        Run result = new Run(tool.run(120, null, flags.toArray(String[]::new)));
        assertEquals(0, result.exitCode(), run + ": " + result.report());
        return result;
    }

    /** Starts Chromium on {@code page} with a DevTools session on it; closing it stops Chromium. */
    public Page open(String run, URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(target, "profile-" + run + "-");
        List<String> command = new ArrayList<>(List.of(tool.executable().toString()));
        command.addAll(flags(profile));
        command.addAll(List.of("--window-size=1280,900", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "about:blank"));
        Path log = target.resolve(run + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Page opened = new Page(process, log, debuggedPage(process, profile.resolve("DevToolsActivePort"), log));
            opened.navigate(page);
            return opened;
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw e;
        }
    }

    private List<String> flags(String run) throws IOException {
        return flags(Files.createTempDirectory(target, "profile-" + run + "-"));
    }

    private static List<String> flags(Path profile) {
        return new ArrayList<>(List.of("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-dev-shm-usage", "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile));
    }

    /** The WebSocket address of the page Chromium opened, once it has written its DevTools port. */
    private static URI debuggedPage(Process process, Path activePort, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("chromium ended with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("chromium opened no DevTools page within " + DEADLINE + ":\n" + Files.readString(log));
            }
            List<String> lines = Files.exists(activePort) ? Files.readAllLines(activePort) : List.of();
            if (lines.size() >= 2) {
                HttpResponse<String> targets = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + lines.get(0).trim() + "/json/list")).build(),
                        HttpResponse.BodyHandlers.ofString());
                for (JsonValue listed : parse(targets.body(), JsonReader::readArray)) {
                    JsonObject candidate = listed.asJsonObject();
                    if ("page".equals(candidate.getString("type"))) {
                        return URI.create(candidate.getString("webSocketDebuggerUrl"));
                    }
                }
            }
            Waiting.betweenPolls(50);
        }
    }

    private static <T> T parse(String json, java.util.function.Function<JsonReader, T> read) {
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            return read.apply(reader);
        }
    }

    /** A one-shot run: what Chromium printed (the DOM) and logged. */
    public record Run(ExternalTool.Result result) {

        public String dom() {
            assertEquals(0, result.exitCode(), result.report());
            return result.output();
        }

        public int exitCode() {
            return result.exitCode();
        }

        public String report() {
            return result.report();
        }

        /** The page's console messages: chromium logs each as a CONSOLE line, whatever its level. */
        public List<String> console(URI base) {
            String origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
            return result.errors().lines().filter(line -> line.contains(":CONSOLE") && line.contains(origin)).toList();
        }
    }

    /** A page in a running Chromium, driven over the DevTools protocol; its errors are collected as they come. */
    public static final class Page implements AutoCloseable {

        private final Process process;
        private final Path log;
        private final WebSocket socket;
        private final AtomicInteger ids = new AtomicInteger();
        private final Map<Integer, CompletableFuture<JsonObject>> answers = new ConcurrentHashMap<>();
        private final List<String> errors = new CopyOnWriteArrayList<>();

        private Page(Process process, Path log, URI debugged) {
            this.process = process;
            this.log = log;
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(debugged, new Listener()).orTimeout(DEADLINE.toSeconds(), TimeUnit.SECONDS).join();
            send("Runtime.enable", JsonValue.EMPTY_JSON_OBJECT);
            send("Page.enable", JsonValue.EMPTY_JSON_OBJECT);
        }

        /** Loads {@code page}; what it runs afterwards is for the caller to wait for ({@link #await}). */
        public void navigate(URI page) {
            JsonObject navigated = send("Page.navigate", Json.createObjectBuilder().add("url", page.toString()).build());
            if (navigated.containsKey("errorText")) {
                throw new AssertionError("navigating to " + page + ": " + navigated);
            }
        }

        /** The value of a JavaScript expression in the page (a promise's, once it settles), as JSON. */
        public JsonValue evaluate(String expression) {
            JsonObject evaluated = send("Runtime.evaluate", Json.createObjectBuilder().add("expression", expression)
                    .add("returnByValue", true).add("awaitPromise", true).build());
            if (evaluated.containsKey("exceptionDetails")) {
                throw new AssertionError(expression + " threw " + evaluated.getJsonObject("exceptionDetails"));
            }
            JsonValue value = evaluated.getJsonObject("result").get("value");
            return value == null ? JsonValue.NULL : value;
        }

        /**
         * Polls {@code expression} until its value is neither null, false, 0 nor empty, and returns it; fails
         * after 30 s, saying {@code what} was awaited.
         */
        public JsonValue await(String what, String expression) {
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            JsonValue value = evaluate(expression);
            while (!truthy(value)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + " not within " + DEADLINE + "; the page's errors: " + errors);
                }
                Waiting.betweenPolls(100);
                value = evaluate(expression);
            }
            return value;
        }

        /** Exceptions the page did not catch, and what it logged as errors, so far. */
        public List<String> errors() {
            return List.copyOf(errors);
        }

        @Override
        public void close() throws InterruptedException {
            socket.abort();
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }

        private static boolean truthy(JsonValue value) {
            return switch (value.getValueType()) {
                case NULL, FALSE -> false;
                case STRING -> !((jakarta.json.JsonString) value).getString().isEmpty();
                case NUMBER -> ((jakarta.json.JsonNumber) value).doubleValue() != 0;
                case ARRAY -> !value.asJsonArray().isEmpty();
                default -> true;
            };
        }

        private JsonObject send(String method, JsonObject parameters) {
            int id = ids.incrementAndGet();
            CompletableFuture<JsonObject> answer = new CompletableFuture<>();
            answers.put(id, answer);
            socket.sendText(Json.createObjectBuilder().add("id", id).add("method", method).add("params", parameters)
                    .build().toString(), true).join();
            try {
                JsonObject message = answer.get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
                if (message.containsKey("error")) {
                    throw new AssertionError(method + ": " + message.getJsonObject("error"));
                }
                return message.getJsonObject("result");
            } catch (TimeoutException | ExecutionException e) {
                throw new AssertionError(method + " unanswered: " + e + "\n" + logged(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            } finally {
                answers.remove(id);
            }
        }

        private String logged() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(no log: " + e + ")";
            }
        }

        private void received(JsonObject message) {
            if (message.containsKey("id")) {
                CompletableFuture<JsonObject> answer = answers.get(message.getInt("id"));
                if (answer != null) {
                    answer.complete(message);
                }
                return;
            }
            JsonObject parameters = message.getJsonObject("params");
            switch (message.getString("method", "")) {
                case "Runtime.exceptionThrown" -> errors.add(parameters.getJsonObject("exceptionDetails").toString());
                case "Runtime.consoleAPICalled" -> {
                    if ("error".equals(parameters.getString("type"))) {
                        errors.add(parameters.getJsonArray("args").toString());
                    }
                }
                default -> {
                    // other events are not needed
                }
            }
        }

        /** Joins each message's frames, and hands the message on. */
        private final class Listener implements WebSocket.Listener {

            private final StringBuilder frames = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                frames.append(data);
                if (last) {
                    received(parse(frames.toString(), JsonReader::readObject));
                    frames.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }
    }

    /** The array {@code value} as a list of strings. */
    public static List<String> strings(JsonValue value) {
        return value.asJsonArray().getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList();
    }
}
