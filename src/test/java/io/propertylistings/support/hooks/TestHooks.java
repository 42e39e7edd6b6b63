package io.propertylistings.support.hooks;

import io.propertylistings.support.Http;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * The test hooks: a WAR of their own ({@link LogCounter}, {@link LogCountServlet}) that a test server deploys
 * beside the application at {@link #CONTEXT_ROOT}, so that the application's WAR stays as built; and the test
 * side, what they counted.
 */
public final class TestHooks {

    public static final String CONTEXT_ROOT = "/test-hooks";

    private final Http http;

    public TestHooks(Http http) {
        this.http = http;
    }

    /** The hooks' WAR, written to {@code file}. */
    public static synchronized Path export(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        ShrinkWrap.create(WebArchive.class, file.getFileName().toString())
                .addClasses(LogCounter.class, LogCountServlet.class)
                .as(ZipExporter.class).exportTo(file.toFile(), true);
        return file;
    }

    public long logged(String message) {
        HttpResponse<byte[]> answer = http.get(CONTEXT_ROOT + "/log?message="
                + URLEncoder.encode(message, StandardCharsets.UTF_8));
        if (answer.statusCode() != 200) {
            throw new AssertionError("the test hooks are not deployed: " + answer.statusCode() + " "
                    + Http.text(answer));
        }
        return Long.parseLong(Http.text(answer).trim());
    }

    public List<String> auditLines() {
        String text = Http.text(http.get(CONTEXT_ROOT + "/log?audit"));
        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
