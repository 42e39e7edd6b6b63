package io.propertylistings.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Waiting;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The console of a server that logs JSON, as a log shipper reads it: every line its logging wrote, from its start
 * to the end of the smoke suite, is one JSON object with a timestamp, a level, a logger and a message under that
 * server's member names, and the audit record of a write is among them (INFO: a level that drops it shows here).
 */
final class JsonConsole {

    private static final String AUDIT_LOGGER = "io.propertylistings.audit";
    // The audit record is written when the response is, so it may reach the console just after the client has it.
    private static final Duration AUDIT_WAIT = Duration.ofSeconds(10);

    private final AppServer server;
    private final ServerProcess process;
    private final JsonLogFormat format;

    JsonConsole(AppServer server, ServerProcess process, JsonLogFormat format) {
        this.server = server;
        this.process = process;
        this.format = format;
    }

    /** {@code created}: a property the admin created with a POST (201) while the server ran. */
    void assertEveryLineIsJsonWithTheAuditOf(long created) {
        String audit = "Audit: POST on property " + created + " by \"admin\": 201";
        long deadline = System.nanoTime() + AUDIT_WAIT.toNanos();
        Optional<JsonObject> found;
        while ((found = auditRecord(audit)).isEmpty()) {
            assertTrue(System.nanoTime() < deadline, () -> "no line with logger " + AUDIT_LOGGER + " and message "
                    + audit + " within " + AUDIT_WAIT);
            Waiting.betweenPolls(50);
        }
        JsonObject record = found.get();
        assertEquals("INFO", record.getString(format.level()), () -> "the audit record: " + record);

        List<String> lines = lines();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!isRecord(lines.get(i))) {
                wrong.add((i + 1) + ": " + lines.get(i));
            }
        }
        assertTrue(lines.size() > 20, () -> "the server's start is logged: " + lines.size() + " lines");
        assertEquals(List.of(), wrong, () -> "lines that are no JSON object with a non-blank " + format.timestamp()
                + ", " + format.level() + ", " + format.logger() + " and a " + format.message() + " (of "
                + lines.size() + ")");
    }

    private Optional<JsonObject> auditRecord(String message) {
        return lines().stream().map(JsonConsole::parse).flatMap(Optional::stream)
                .filter(line -> AUDIT_LOGGER.equals(text(line, format.logger())))
                .filter(line -> message.equals(text(line, format.message())))
                .findFirst();
    }

    private boolean isRecord(String line) {
        return parse(line).filter(object -> !text(object, format.timestamp()).isBlank()
                && !text(object, format.level()).isBlank()
                && !text(object, format.logger()).isBlank()
                && object.get(format.message()) instanceof JsonString).isPresent();
    }

    private List<String> lines() {
        try {
            return server.loggedLines(process.logLines());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonObject object, String member) {
        JsonValue value = object.get(member);
        return value instanceof JsonString string ? string.getString() : "";
    }

    private static Optional<JsonObject> parse(String line) {
        try (JsonReader reader = Json.createReader(new StringReader(line))) {
            return Optional.of(reader.readObject());
        } catch (JsonException | IllegalStateException notAnObject) {
            return Optional.empty();
        }
    }
}
