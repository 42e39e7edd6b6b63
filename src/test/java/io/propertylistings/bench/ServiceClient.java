package io.propertylistings.bench;

import io.propertylistings.support.TestAccounts;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The harness' own HTTP client (JDK HttpClient, HTTP/1.1 with keep-alive), for single requests. */
final class ServiceClient {

    record Timed(HttpResponse<byte[]> response, double millis) {
        String cache() {
            return response.headers().firstValue("X-Cache").orElse("");
        }
    }

    /** What a level of /cache/metrics counted since start. */
    record Level(long hits, long misses, long loads, long errors) {
        Level minus(Level before) {
            return new Level(hits - before.hits, misses - before.misses, loads - before.loads, errors - before.errors);
        }

        double hitRatio() {
            return hits + misses == 0 ? Double.NaN : 100.0 * hits / (hits + misses);
        }
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    final URI base;
    private final String authorization;

    ServiceClient(URI base, String user, String password) {
        this.base = base;
        this.authorization = TestAccounts.basic(user, password);
    }

    Timed get(String path, boolean gzip) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(120));
        if (gzip) {
            request.header("Accept-Encoding", "gzip");
        }
        return send(request.GET().build());
    }

    Timed post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    void put(String path, byte[] body) throws IOException, InterruptedException {
        Timed done = send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        expect(done, 204);
    }

    Timed send(HttpRequest request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Timed(response, (System.nanoTime() - started) / 1e6);
    }

    static Timed expect(Timed timed, int status) {
        if (timed.response().statusCode() != status) {
            throw new IllegalStateException(timed.response().request().method() + " " + timed.response().uri() + ": "
                    + timed.response().statusCode() + " (expected " + status + ") "
                    + new String(timed.response().body(), StandardCharsets.UTF_8));
        }
        return timed;
    }

    static Timed expect(Timed timed, int status, String cache) {
        expect(timed, status);
        if (!cache.equals(timed.cache())) {
            throw new IllegalStateException(timed.response().uri() + ": X-Cache " + timed.cache() + ", expected " + cache);
        }
        return timed;
    }

    /** A level's figures from {@code /cache/metrics}; also while Redis is down (a 503 with the same figures). */
    Level level(String name) throws IOException, InterruptedException {
        Timed metrics = get("cache/metrics", false);
        if (metrics.response().statusCode() != 503) {
            expect(metrics, 200);
        }
        try (JsonReader reader = Json.createReader(new StringReader(
                new String(metrics.response().body(), StandardCharsets.UTF_8)))) {
            JsonObject level = reader.readObject().getJsonObject("levels").getJsonObject(name);
            return new Level(level.getJsonNumber("hits").longValue(), level.getJsonNumber("misses").longValue(),
                    level.getJsonNumber("loads").longValue(), level.getJsonNumber("errors").longValue());
        }
    }
}
