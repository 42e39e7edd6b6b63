package io.propertylistings.support.hooks;

import io.propertylistings.support.Http;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.util.List;

/** The test side of {@link LogCounter}: what the hooks of a deployment counted. */
public final class TestHooks {

    private final Http http;

    public TestHooks(Http http) {
        this.http = http;
    }

    public long logged(String message) {
        HttpResponse<byte[]> answer = http.get("test-hooks/log?message=" + URLEncoder.encode(message, StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the test hooks are not deployed: " + answer.statusCode() + " " + Http.text(answer));
        }
        return Long.parseLong(Http.text(answer).trim());
    }

    public List<String> auditLines() {
        String text = Http.text(http.get("test-hooks/log?audit"));
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
