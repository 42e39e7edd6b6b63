package io.propertylistings.apidocs.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Chromium;
import io.propertylistings.support.Http;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestServer;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The API page at /api-docs/: Swagger UI from the WAR's WebJar on the service's own /openapi, its files cached as
 * they should be and out of the response cache's way, and, in headless Chromium, the operations listed, writes
 * locked behind HTTP Basic, and a public GET tried out from the page.
 */
@SharedServer(TestServer.WARMING_OFF)
class ApiPageIT {

    private static final String SWAGGER_UI = "webjars/swagger-ui/5.35.0/";
    private static final Set<String> WRITES = Set.of("POST /properties", "PUT /properties/{id}",
            "PATCH /properties/{id}", "DELETE /properties/{id}");

    /** "METHOD /path" of an operation block, without a trailing slash. */
    private static final String OPERATION = "b.querySelector('.opblock-summary-method').textContent + ' ' + "
            + "b.querySelector('.opblock-summary-path').getAttribute('data-path').replace(/(.)\\/$/, '$1')";

    private final Http http;

    ApiPageIT(Http http) {
        this.http = http;
    }

    @Test
    void thePageAndSwaggerUiAreServedFromTheWar() {
        HttpResponse<byte[]> withoutSlash = http.get("api-docs");
        assertEquals(307, withoutSlash.statusCode(), Http.text(withoutSlash));
        assertEquals(http.base().resolve("api-docs/"),
                http.base().resolve(withoutSlash.headers().firstValue("Location").orElseThrow()));

        HttpResponse<byte[]> page = http.get("api-docs/");
        assertEquals(200, page.statusCode(), Http.text(page));
        assertTrue(type(page).startsWith("text/html"), type(page));
        assertEquals("no-cache", page.headers().firstValue("Cache-Control").orElse(""), "the page changes with the WAR");
        assertTrue(Http.text(page).contains("../" + SWAGGER_UI + "swagger-ui-bundle.js"), Http.text(page));
        assertEquals("", Http.cacheOutcome(page), "the response cache has no part in the page");

        HttpResponse<byte[]> bundle = http.get(SWAGGER_UI + "swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode());
        assertTrue(type(bundle).startsWith("text/javascript"), type(bundle));
        assertEquals("public, max-age=31536000, immutable", bundle.headers().firstValue("Cache-Control").orElse(""),
                "the version is in the URL");
        assertTrue(bundle.body().length > 1_000_000, "the whole bundle: " + bundle.body().length + " bytes");
        assertEquals("", Http.cacheOutcome(bundle));
        assertEquals(200, http.get(SWAGGER_UI + "swagger-ui.css").statusCode());

        // Only the files listed: not the WebJar's own initializer (it points at the Petstore), nor other versions.
        assertEquals(404, http.get(SWAGGER_UI + "swagger-initializer.js").statusCode());
        assertEquals(404, http.get("webjars/swagger-ui/5.0.0/swagger-ui-bundle.js").statusCode());
        assertEquals(404, http.get("webjars/unknown/1.0/index.js").statusCode());
        assertEquals(404, http.get("api-docs/index.htm").statusCode());
        assertEquals(404, http.get("api-docs/..%2FWEB-INF%2Fbeans.xml").statusCode());
    }

    @Test
    void theDocumentDeclaresHttpBasicOnWhatNeedsCredentials() {
        JsonObject document = Http.json(http.send(http.request("/openapi").header("Accept", "application/json").GET().build()));
        JsonObject scheme = document.getJsonObject("components").getJsonObject("securitySchemes").getJsonObject("basic");
        assertEquals("http", scheme.getString("type"), scheme.toString());
        assertEquals("basic", scheme.getString("scheme"), scheme.toString());

        JsonObject paths = document.getJsonObject("paths");
        for (String write : WRITES) {
            String[] operation = write.split(" ");
            assertEquals(Set.of(Set.of("basic")), requirements(paths, operation[1], operation[0]), write);
        }
        assertEquals(Set.of(), requirements(paths, "/properties/{id}", "GET"), "a detail is public");
        // Anonymous, or with credentials for mine=true (and for the operations endpoints when a role is set).
        assertEquals(Set.of(Set.of(), Set.of("basic")), requirements(paths, "/properties", "GET"));
        assertEquals(Set.of(Set.of(), Set.of("basic")), requirements(paths, "/cache/metrics", "GET"));
        assertEquals(Set.of(Set.of(), Set.of("basic")), requirements(paths, "/dashboard", "GET"));
    }

    @Test
    void theOperationsAreListedWritesLockedAndAPublicGetCanBeTriedOut() throws Exception {
        Chromium chromium = Chromium.require();
        HttpResponse<byte[]> created = http.asAdmin().send("POST", "properties/", "application/json",
                "{\"title\":\"Shown on the API page\",\"description\":\"Tried out\",\"price\":\"420000.5\","
                        + "\"location\":\"Lisbon\"}");
        assertEquals(201, created.statusCode(), Http.text(created));
        long id = Http.json(created).getJsonNumber("id").longValue();

        // Without the slash, as people type it: the redirect keeps the page's relative URLs right.
        try (Chromium.Page page = chromium.open("api-docs", http.base().resolve("api-docs"))) {
            page.await("the operations", "document.querySelectorAll('.opblock').length > 0");
            Set<String> listed = Set.copyOf(Chromium.strings(page.evaluate(
                    "[...document.querySelectorAll('.opblock')].map(b => " + OPERATION + ")")));
            assertTrue(listed.containsAll(WRITES) && listed.containsAll(Set.of("GET /properties", "GET /properties/{id}",
                    "GET /cache/metrics", "GET /api-docs")), "operations on the page: " + listed);

            // A lock on each operation that takes credentials, none on a detail; and the Authorize button.
            Set<String> locked = Set.copyOf(Chromium.strings(page.evaluate("[...document.querySelectorAll('.opblock')]"
                    + ".filter(b => b.querySelector('.authorization__btn')).map(b => " + OPERATION + ")")));
            assertTrue(locked.containsAll(WRITES), "locked: " + locked);
            assertFalse(locked.contains("GET /properties/{id}"), "a detail is public: " + locked);
            page.evaluate("document.querySelector('.auth-wrapper .authorize').click()");
            String dialog = page.await("the Authorize dialog asking for a user and password",
                    "document.querySelector('.modal-ux input[type=password]') && document.querySelector('.modal-ux')"
                            + ".innerText").toString();
            assertTrue(dialog.contains("basic") && dialog.contains("Username"), dialog);
            page.evaluate("document.querySelector('.modal-ux .close-modal').click()");

            // Try it out: GET /properties/{id} with the id typed in, executed by the page in the browser.
            String detail = block("GET", "/properties/{id}");
            page.evaluate(detail + ".querySelector('.opblock-summary-control').click()");
            page.await("Try it out", "!!" + detail + ".querySelector('.try-out__btn')");
            page.evaluate(detail + ".querySelector('.try-out__btn').click()");
            page.await("the id field", "!!" + detail + ".querySelector('tr[data-param-name=\"id\"] input')");
            page.evaluate(typeInto(detail + ".querySelector('tr[data-param-name=\"id\"] input')", Long.toString(id)));
            page.evaluate(detail + ".querySelector('.btn.execute').click()");
            String status;
            try {
                status = page.await("the answer on the page", detail
                        + ".querySelector('.live-responses-table tbody .response-col_status')?.textContent.trim()").toString();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "; the operation shows:\n" + page.evaluate(detail + ".innerHTML"), e);
            }
            assertEquals("\"200\"", status);
            String url = ((JsonString) page.evaluate(detail + ".querySelector('.request-url pre').textContent")).getString();
            assertEquals(http.base().resolve("properties/" + id).toString(), url, "the request the page made");
            String body = ((JsonString) page.evaluate(detail
                    + ".querySelector('.live-responses-table tbody .response-col_description .highlight-code pre').textContent"))
                    .getString();
            assertEquals(Http.json(http.get("properties/" + id)), json(body), "the property as the page shows it");
            assertEquals(List.of(), page.errors(), "errors on the page");
        }
    }

    /** The operation block of {@code method} and {@code path}, as a JavaScript expression. */
    private static String block(String method, String path) {
        return "[...document.querySelectorAll('.opblock')].find(b => " + OPERATION
                + " === '" + method + " " + path + "')";
    }

    /**
     * Types {@code text} into a React-controlled input: its value through the native setter and an input event, as
     * a keystroke would, then Enter, which makes Swagger UI take the value at once rather than after its debounce.
     */
    private static String typeInto(String input, String text) {
        return "(() => { const input = " + input + "; input.focus();"
                + " Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '" + text + "');"
                + " input.dispatchEvent(new Event('input', {bubbles: true}));"
                + " input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 13, bubbles: true}));"
                + " input.blur(); return input.value; })()";
    }

    /** The sets of scheme names an operation accepts, one set per alternative; empty if it names none. */
    private static Set<Set<String>> requirements(JsonObject paths, String path, String method) {
        JsonObject item = paths.keySet().stream().filter(key -> key.replaceAll("(.)/$", "$1").equals(path))
                .map(paths::getJsonObject).findFirst().orElseThrow(() -> new AssertionError(path + " not in " + paths.keySet()));
        JsonObject operation = item.getJsonObject(method.toLowerCase(java.util.Locale.ROOT));
        JsonArray security = operation.getJsonArray("security");
        return security == null ? Set.of() : security.getValuesAs(JsonObject.class).stream()
                .map(JsonObject::keySet).map(Set::copyOf).collect(Collectors.toSet());
    }

    private static String type(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
