package io.propertylistings.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Http;
import io.propertylistings.support.ServerConsole;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestServer;
import io.propertylistings.support.Waiting;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The console log with {@code LOG_FORMAT=json} as a log shipper reads it: every line Payara Micro wrote, from its
 * start to this test's writes, is one JSON object with Payara's members, and the application's audit and cache
 * events carry their fields as members ({@link TestServer#OPERATIONS_ROLE} logs in JSON).
 */
@SharedServer(TestServer.OPERATIONS_ROLE)
class JsonLogIT {

    private static final List<String> MEMBERS = List.of("Timestamp", "Level", "LoggerName", "ThreadID", "ThreadName",
            "TimeMillis", "LevelValue");

    private final Http anonymous;
    private final ServerConsole console;

    JsonLogIT(Http anonymous, ServerConsole console) {
        this.anonymous = anonymous;
        this.console = console;
    }

    @Test
    void everyLineIsAJsonObjectAndTheAuditsFieldsAreMembers() throws IOException {
        HttpResponse<byte[]> created = anonymous.asAdmin().send("POST", "properties/", "application/json",
                "{\"title\":\"Logged\",\"description\":\"In JSON\",\"price\":\"1.00\",\"location\":\"Lagos\"}");
        assertEquals(201, created.statusCode(), Http.text(created));
        long id = Http.json(created).getJsonNumber("id").longValue();
        assertEquals(401, anonymous.delete("properties/" + id).statusCode());

        JsonObject audit = awaitLine(line -> "io.propertylistings.audit".equals(line.getString("LoggerName", ""))
                && "POST".equals(line.getString("method", "")) && String.valueOf(id).equals(line.getString("property", "")));
        assertEquals("write", audit.getString("audit"));
        assertEquals("admin", audit.getString("caller"));
        assertEquals("201", audit.getString("status"), "Payara's formatter writes every field as a string");
        assertEquals("INFO", audit.getString("Level"));
        assertEquals("Audit: POST on property " + id + " by \"admin\": 201", audit.getString("LogMessage"));

        JsonObject refused = awaitLine(line -> "io.propertylistings.audit".equals(line.getString("LoggerName", ""))
                && "DELETE".equals(line.getString("method", "")) && String.valueOf(id).equals(line.getString("property", "")));
        assertEquals("401", refused.getString("status"));
        assertFalse(refused.containsKey("caller"), "nobody was authenticated: " + refused);

        // The node doubts the cache at start, until an eviction of its own: a cache event with its reason.
        JsonObject doubt = awaitLine(line -> "cache-doubt".equals(line.getString("event", "")));
        assertFalse(doubt.getString("reason").isEmpty(), doubt.toString());

        List<String> lines = console.lines();
        List<String> notJson = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Optional<JsonObject> object = parse(lines.get(i));
            if (object.isEmpty() || !object.get().keySet().containsAll(MEMBERS)
                    || !(object.get().containsKey("LogMessage") || object.get().containsKey("Throwable"))) {
                notJson.add((i + 1) + ": " + lines.get(i));
            }
        }
        assertTrue(lines.size() > 20, "the server's start is logged: " + lines.size() + " lines");
        assertEquals(List.of(), notJson, "lines that are no JSON object with " + MEMBERS + " and a message");
    }

    /** The first line that is a JSON object matching {@code wanted}; the record may be written after the answer. */
    private JsonObject awaitLine(Predicate<JsonObject> wanted) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            Optional<JsonObject> found = console.lines().stream().map(JsonLogIT::parse).flatMap(Optional::stream)
                    .filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() > deadline) {
                List<String> lines = console.lines();
                throw new AssertionError("no such line within 10 s; the last lines:\n"
                        + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
            }
            Waiting.betweenPolls(50);
        }
    }

    private static Optional<JsonObject> parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException notAnObject) {
            return Optional.empty();
        }
    }
}
