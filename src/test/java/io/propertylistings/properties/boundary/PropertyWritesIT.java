package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.BuiltWar;
import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.TestAccounts;
import jakarta.json.JsonObject;
import java.net.URL;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Writes as a client and a security reviewer see them: who may write, and what every bad request gets. */
@ExtendWith(ArquillianExtension.class)
class PropertyWritesIT {

    private static final String VALID = "{\"title\":\"Cottage\",\"description\":\"Stone walls\",\"price\":\"120000.50\","
            + "\"location\":\"Accra\"}";

    @Deployment(testable = false)
    static WebArchive war() {
        return BuiltWar.archive();
    }

    @ArquillianResource
    URL base;

    Http anonymous;
    Http admin;
    long existing;

    @BeforeEach
    void deployed() throws Exception {
        anonymous = new Http(base.toURI());
        admin = anonymous.asAdmin();
        assertEquals(200, anonymous.get("properties/").statusCode(), "the WAR is not deployed");
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json", VALID);
        assertEquals(201, created.statusCode(), Http.text(created));
        existing = Http.json(created).getJsonNumber("id").longValue();
    }

    @Test
    void writesNeedTheAdminRole() throws Exception {
        long rows = BuiltWar.propertyRows();
        for (Http client : List.of(anonymous, anonymous.as(TestAccounts.ADMIN, "wrong-password"),
                anonymous.as("nobody", "nothing"))) {
            for (HttpResponse<byte[]> response : everyWrite(client)) {
                assertEquals(401, response.statusCode());
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
                assertEquals(401, Http.json(response).getInt("status"));
            }
        }
        for (HttpResponse<byte[]> response : everyWrite(anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD))) {
            assertEquals(403, response.statusCode());
            assertEquals("Forbidden", Http.json(response).getString("error"));
        }
        assertEquals(rows, BuiltWar.propertyRows());
        assertEquals("Cottage", Http.json(anonymous.get("properties/" + existing)).getString("title"));
        assertEquals(200, anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD).get("properties/").statusCode(),
                "reads stay open to everyone");
    }

    @Test
    void writesAnswerWithTheResource() {
        HttpResponse<byte[]> replaced = admin.send("PUT", "properties/" + existing, "application/json",
                VALID.replace("Cottage", "Barn"));
        assertEquals(200, replaced.statusCode());
        assertEquals("Barn", Http.json(replaced).getString("title"));

        HttpResponse<byte[]> patched = admin.send("PATCH", "properties/" + existing, "application/merge-patch+json",
                "{\"price\":7.5,\"location\":\"Kumasi\"}");
        assertEquals(200, patched.statusCode(), Http.text(patched));
        JsonObject body = Http.json(patched);
        assertEquals("Barn", body.getString("title"), "a merge patch keeps what it does not name");
        assertEquals("7.50", body.getString("price"));
        assertEquals("Kumasi", body.getString("location"));

        HttpResponse<byte[]> nulled = admin.send("PATCH", "properties/" + existing, "application/merge-patch+json",
                "{\"title\":null}");
        assertEquals(400, nulled.statusCode(), "null removes the title, which is required");
        assertEquals(List.of("title"), fields(nulled));
        assertEquals("Barn", Http.json(anonymous.get("properties/" + existing)).getString("title"));

        assertEquals(204, admin.delete("properties/" + existing).statusCode());
        assertEquals(404, anonymous.get("properties/" + existing).statusCode());
    }

    @Test
    void everyBadRequestGetsItsStatusAndChangesNothing() throws Exception {
        long rows = BuiltWar.propertyRows();
        String before = Http.text(anonymous.get("properties/" + existing));
        long evictions = MetricsScrape.of(anonymous).cache("evictions", "list");

        expect(400, admin.send("POST", "properties/", "application/json", "{\"title\":"), List.of());
        expect(400, admin.send("POST", "properties/", "application/json",
                "{\"title\":1,\"description\":[],\"price\":\"cheap\",\"location\":{}}"),
                List.of("description", "location", "price", "title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("}", ",\"owner\":\"me\"}")),
                List.of("owner"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "-1")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "123456789")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "1.005")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Cottage", "t".repeat(201))),
                List.of("title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Accra", "l".repeat(101))),
                List.of("location"));
        expect(400, admin.send("POST", "properties/", "application/json",
                VALID.replace("Cottage", " ").replace("Stone walls", "")), List.of("description", "title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Cottage", "a\\u0000b")),
                List.of("title"));
        expect(415, admin.send("POST", "properties/", "text/plain", VALID), List.of());
        expect(415, admin.send("PATCH", "properties/" + existing, "application/json", "{\"price\":1}"), List.of());
        expect(413, admin.send("POST", "properties/", "application/json",
                VALID.replace("Stone walls", "x".repeat(70_000))), List.of());
        assertEquals(413, chunkedPost(VALID.replace("Stone walls", "y".repeat(70_000))), "a chunked body over 64 KiB");
        expect(404, admin.send("PUT", "properties/999999999", "application/json", VALID), List.of());
        expect(404, admin.delete("properties/999999999"), List.of());
        HttpResponse<byte[]> notAllowed = admin.send("POST", "properties/" + existing, "application/json", VALID);
        expect(405, notAllowed, List.of());
        assertTrue(notAllowed.headers().firstValue("Allow").isPresent(), "405 says what is allowed");

        assertEquals(rows, BuiltWar.propertyRows(), "a rejected request changed the row count");
        assertEquals(before, Http.text(anonymous.get("properties/" + existing)));
        assertEquals(evictions, MetricsScrape.of(anonymous).cache("evictions", "list"), "a rejected request evicted");
    }

    @Test
    void hostileBodiesNeverCause5xxNorChangeARow() throws Exception {
        long rows = BuiltWar.propertyRows();
        String before = Http.text(anonymous.get("properties/" + existing));
        List<String> bodies = HostileBodies.generate(220);
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            for (HttpResponse<byte[]> response : List.of(
                    admin.send("POST", "properties/", "application/json", body),
                    admin.send("PUT", "properties/" + existing, "application/json", body),
                    admin.send("PATCH", "properties/" + existing, "application/merge-patch+json", body))) {
                String text = Http.text(response);
                boolean leaks = text.contains("Exception") || text.contains("SQL") || text.contains("\tat ")
                        || text.contains("io.propertylistings");
                if (response.statusCode() >= 500 || response.statusCode() < 400 || leaks) {
                    failures.add(response.request().method() + " " + response.statusCode() + " " + abbreviate(body)
                            + " -> " + abbreviate(text));
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(rows, BuiltWar.propertyRows());
        JsonObject after = Http.json(anonymous.get("properties/" + existing));
        JsonObject original = jakarta.json.Json.createReader(new java.io.StringReader(before)).readObject();
        assertEquals(original.getString("title"), after.getString("title"));
        assertEquals(original.getString("price"), after.getString("price"));
    }

    /** A body without Content-Length, in chunks, over a plain socket: the status code the server answers. */
    private int chunkedPost(String body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + base.getPath() + "properties/ HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: " + TestAccounts.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD) + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                for (int offset = 0; offset < bytes.length; offset += 8192) {
                    int length = Math.min(8192, bytes.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private List<HttpResponse<byte[]>> everyWrite(Http client) {
        return List.of(
                client.send("POST", "properties/", "application/json", VALID),
                client.send("PUT", "properties/" + existing, "application/json", VALID.replace("Cottage", "Taken")),
                client.send("PATCH", "properties/" + existing, "application/merge-patch+json", "{\"title\":\"Taken\"}"),
                client.delete("properties/" + existing));
    }

    private static void expect(int status, HttpResponse<byte[]> response, List<String> fields) {
        assertEquals(status, response.statusCode(), Http.text(response));
        JsonObject error = Http.json(response);
        assertEquals(status, error.getInt("status"));
        assertFalse(error.getString("error").isBlank());
        assertFalse(error.getString("message").isBlank());
        assertEquals(fields, fields(response));
    }

    private static List<String> fields(HttpResponse<byte[]> response) {
        JsonObject error = Http.json(response);
        if (!error.containsKey("violations")) {
            return List.of();
        }
        return error.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(violation -> violation.getString("field")).distinct().toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

}
