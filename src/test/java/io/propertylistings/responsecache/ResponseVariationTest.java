package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.inject.spi.Extension;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class ResponseVariationTest {

    private record Query(String cacheKey, Optional<String> owner) implements CacheKeyed {
    }

    private static final Query EVERYTHING = new Query("", Optional.empty());

    @SuppressWarnings("unused")
    static class Cached {
        public Response byArguments(Query query, @PathParam("id") long id, @QueryParam("page") int page) {
            return null;
        }

        public Response byHeader(long id, @HeaderParam("X-Tenant") String tenant) {
            return null;
        }

        public Response byCookie(@CookieParam("session") String session) {
            return null;
        }

        public Response byContext(@Context HttpHeaders headers) {
            return null;
        }

        public Response byHeaders(HttpHeaders headers) {
            return null;
        }
    }

    private static Optional<String> refusal(String name) {
        for (Method method : Cached.class.getMethods()) {
            if (method.getName().equals(name)) {
                return ResponseVariation.refusal(method);
            }
        }
        throw new IllegalArgumentException(name);
    }

    @Test
    void theKeyIsTheHashOfTheNameAndTheCanonicalArguments() {
        assertEquals(ResponseVariation.key("property-list", EVERYTHING),
                ResponseVariation.key("property-list", new Query("", Optional.empty())));
        assertNotEquals(ResponseVariation.key("property-list", EVERYTHING),
                ResponseVariation.key("property-detail", EVERYTHING));
        assertNotEquals(ResponseVariation.key("property-list", EVERYTHING),
                ResponseVariation.key("property-list", new Query("page=2", Optional.empty())));
        assertEquals(64, ResponseVariation.key("property-list", new Query("x".repeat(10_000), Optional.empty())).length());
    }

    @Test
    void anOwnersAnswerIsKeyedByTheOwnerAndVariesByCredentials() {
        Query alice = new Query("mine=true", Optional.of("alice"));
        Query bob = new Query("mine=true", Optional.of("bob"));
        assertNotEquals(ResponseVariation.key("property-list", alice), ResponseVariation.key("property-list", bob));
        assertEquals(Optional.of("alice"), ResponseVariation.owner(alice));
        assertEquals(Optional.empty(), ResponseVariation.owner(EVERYTHING, 7L));
        assertEquals("Accept, Accept-Encoding", ResponseVariation.vary(false));
        assertEquals("Accept, Accept-Encoding, Authorization", ResponseVariation.vary(true));
    }

    @Test
    void aCachedMethodOfArgumentsFromTheTargetIsAccepted() {
        assertEquals(Optional.empty(), refusal("byArguments"));
    }

    @Test
    void aCachedMethodThatReadsAHeaderACookieOrTheRequestIsRefusedNamingWhat() {
        String header = refusal("byHeader").orElseThrow();
        assertTrue(header.startsWith("@CachedResponse " + Cached.class.getName() + ".byHeader: its parameter 2 "
                + "(@HeaderParam String)"), header);
        assertTrue(refusal("byCookie").orElseThrow().contains("(@CookieParam String)"));
        assertTrue(refusal("byContext").orElseThrow().contains("(@Context HttpHeaders)"));
        assertTrue(refusal("byHeaders").orElseThrow().contains("(HttpHeaders)"));
    }

    @Test
    void theCheckRunsAtDeploymentAsAPortableExtension() {
        assertTrue(ServiceLoader.load(Extension.class).stream()
                .anyMatch(provider -> provider.type() == CachedMethodsCheck.class));
    }
}
