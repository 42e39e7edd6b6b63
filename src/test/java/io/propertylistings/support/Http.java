package io.propertylistings.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A black-box client: raw bytes, status and headers, as a REST client sees them. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;
    private final String authorization;

    public Http(URI base) {
        this(base, null);
    }

    private Http(URI base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /** Where the relative paths of this client's requests are resolved: the application. */
    public URI base() {
        return base;
    }

    /** The same client, sending these credentials with every request. */
    public Http as(String user, String password) {
        return new Http(base, TestAccounts.basic(user, password));
    }

    /** The same client, sending this Authorization header (any scheme, well-formed or not) with every request. */
    public Http withAuthorization(String authorization) {
        return new Http(base, authorization);
    }

    public Http asAdmin() {
        return as(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
    }

    public HttpResponse<byte[]> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<byte[]> send(String method, String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build());
    }

    public HttpResponse<byte[]> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30));
        return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    public HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject json(HttpResponse<byte[]> response) {
        try (JsonReader reader = Json.createReader(new StringReader(text(response)))) {
            return reader.readObject();
        }
    }

    /** The X-Cache header: HIT, MISS or BYPASS; empty if there is none. */
    public static String cacheOutcome(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache").orElse("");
    }

    public static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
