package io.propertylistings.caching.boundary;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CacheStatistics;
import io.propertylistings.caching.control.ContentCoding;
import io.propertylistings.caching.control.HttpValidation;
import io.propertylistings.caching.control.RequestKey;
import io.propertylistings.caching.control.ResponseCache;
import io.propertylistings.caching.control.SingleFlight;
import io.propertylistings.caching.control.StoredResponse;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Serves {@link CachedResponse} methods from Redis. A hit writes the stored bytes out; a miss renders the
 * method's entity once, with its ETag, and stores it under the generation seen before the method ran.
 */
@CachedResponse(name = "")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CachedResponseInterceptor {

    static final String CACHE_HEADER = "X-Cache";

    private final Map<Method, Duration> ttls = new ConcurrentHashMap<>();

    @Inject
    HttpServletRequest request;

    @Inject
    ResponseCache cache;

    @Inject
    Jsonb jsonb;

    @Inject
    CacheStatistics statistics;

    @Inject
    SingleFlight singleFlight;

    @AroundInvoke
    public Object serve(InvocationContext invocation) throws Exception {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return invocation.proceed();
        }
        String key = RequestKey.of(method, request.getRequestURI(), request.getQueryString(),
                request.getHeader(HttpHeaders.ACCEPT));
        Optional<ResponseCache.Lookup> lookup = cache.lookup(key);
        if (lookup.isEmpty()) {
            // Redis could not be asked: answer from the database, and do not try to store.
            Outcome fresh = invoke(invocation);
            return fresh.stored().map(stored -> answer(stored, "BYPASS")).orElse(fresh.uncached());
        }
        if (lookup.get().entry().isPresent()) {
            return answer(lookup.get().entry().get(), "HIT");
        }
        // Concurrent misses of one request share one invocation, across nodes: the first leads, the others wait.
        // Only misses of the same generation share: a request that began after an eviction must not take the
        // answer of a load that began before it.
        boolean[] ranHere = {false};
        String flight = key + "@" + lookup.get().generation();
        Outcome outcome = singleFlight.load(flight, ResponseCache.lockKey(key), () -> {
            ranHere[0] = true;
            return loadAndStore(key, invocation);
        });
        boolean invokedHere = ranHere[0] && outcome.invoked();
        if (outcome.stored().isEmpty()) {
            // Not cacheable (not a 200): a waiter cannot reuse another request's answer.
            return invokedHere ? outcome.uncached() : invocation.proceed();
        }
        return answer(outcome.stored().get(), invokedHere ? "MISS" : "HIT");
    }

    /** A stored (or storable) response, or the uncached answer of an invocation that was not a 200. */
    private record Outcome(Optional<StoredResponse> stored, Response uncached, boolean invoked) {
    }

    // Runs under the single flight: another node may have stored the entry while this one waited for the lock.
    private Outcome loadAndStore(String key, InvocationContext invocation) {
        Optional<ResponseCache.Lookup> lookup = cache.peek(key);
        if (lookup.isPresent() && lookup.get().entry().isPresent()) {
            return new Outcome(lookup.get().entry(), null, false);
        }
        Outcome fresh = invoke(invocation);
        if (lookup.isPresent() && fresh.stored().isPresent()) {
            cache.store(lookup.get(), key, fresh.stored().get(), ttl(invocation.getMethod()));
        }
        return fresh;
    }

    private Outcome invoke(InvocationContext invocation) {
        statistics.load(CacheLevel.RESPONSE);
        Response fresh;
        long started = System.nanoTime();
        try {
            fresh = (Response) invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            statistics.loadTime(CacheLevel.RESPONSE, System.nanoTime() - started);
        }
        if (fresh.getStatus() != Response.Status.OK.getStatusCode()) {
            return new Outcome(Optional.empty(), fresh, true);
        }
        return new Outcome(Optional.of(render(fresh, ttl(invocation.getMethod()))), null, true);
    }

    private StoredResponse render(Response response, Duration ttl) {
        Object entity = response.getEntity();
        byte[] body;
        if (entity instanceof byte[] raw) {
            body = raw;
        } else if (entity instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else {
            body = jsonb.toJson(entity).getBytes(StandardCharsets.UTF_8);
        }
        MediaType type = response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType();
        Map<String, String> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                headers.put(name, String.join(",", values));
            }
        });
        headers.put(HttpValidation.ETAG, HttpValidation.etag(body));
        headers.put(HttpHeaders.VARY, "Accept, Accept-Encoding");
        return StoredResponse.of(response.getStatus(), type.toString(), headers, body,
                System.currentTimeMillis() + ttl.toMillis());
    }

    private Response answer(StoredResponse stored, String cacheOutcome) {
        String cacheControl = "public, max-age=" + stored.secondsLeft(System.currentTimeMillis());
        boolean gzip = stored.hasGzip() && ContentCoding.acceptsGzip(request.getHeader(HttpHeaders.ACCEPT_ENCODING));
        // Each coding is its own representation, with its own strong validator.
        String etag = gzip ? ContentCoding.gzipEtag(stored.etag()) : stored.etag();
        if (HttpValidation.matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            return Response.notModified()
                    .header(HttpValidation.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, "Accept, Accept-Encoding")
                    .header(CACHE_HEADER, cacheOutcome)
                    .build();
        }
        Response.ResponseBuilder builder = Response.status(stored.status())
                .type(stored.contentType())
                .entity(gzip ? stored.gzip() : stored.body())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(CACHE_HEADER, cacheOutcome);
        stored.headers().forEach((name, value) -> {
            if (!HttpValidation.ETAG.equals(name)) {
                builder.header(name, value);
            }
        });
        builder.header(HttpValidation.ETAG, etag);
        if (gzip) {
            builder.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return builder.build();
    }

    private Duration ttl(Method method) {
        return ttls.computeIfAbsent(method, m -> {
            CachedResponse binding = m.isAnnotationPresent(CachedResponse.class)
                    ? m.getAnnotation(CachedResponse.class)
                    : m.getDeclaringClass().getAnnotation(CachedResponse.class);
            long seconds = ConfigProvider.getConfig()
                    .getOptionalValue("caching.response." + binding.name() + ".ttl-seconds", Long.class)
                    .orElse(binding.ttlSeconds());
            return Duration.ofSeconds(seconds);
        });
    }
}
