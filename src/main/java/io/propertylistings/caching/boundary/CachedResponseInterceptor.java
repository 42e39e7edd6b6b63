package io.propertylistings.caching.boundary;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CachedRequest;
import io.propertylistings.caching.control.CacheStatistics;
import io.propertylistings.caching.control.ContentCoding;
import io.propertylistings.caching.control.HttpValidation;
import io.propertylistings.caching.control.RequestKey;
import io.propertylistings.caching.control.ResponseCache;
import io.propertylistings.caching.control.SingleFlight;
import io.propertylistings.caching.control.StoredResponse;
import io.propertylistings.caching.control.WarmUpScope;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.json.bind.Jsonb;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Serves {@link CachedResponse} methods from Redis. A hit writes the stored bytes out; a miss renders the
 * method's entity once, with its ETag, and stores it under the generation seen before the method ran.
 * A warm-up ({@link WarmUpScope}) goes the same way without an HTTP request: it is a miss that answers no one.
 */
@CachedResponse(name = "")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class CachedResponseInterceptor {

    static final String CACHE_HEADER = "X-Cache";
    static final String SHARED_VARY = "Accept, Accept-Encoding";
    static final String PRIVATE_VARY = SHARED_VARY + ", Authorization";
    static final String UNCACHED = "private, no-store";

    private final Map<Method, Binding> bindings = new ConcurrentHashMap<>();

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

    /** What the method's annotations say: its TTL, whether per user, and the one type it produces. */
    private record Binding(Duration ttl, boolean perUser, String produces) {
    }

    @AroundInvoke
    public Object serve(InvocationContext invocation) throws Exception {
        CachedRequest asked = WarmUpScope.current().orElseGet(this::fromHttp);
        if (!"GET".equals(asked.method()) && !"HEAD".equals(asked.method())) {
            return invocation.proceed();
        }
        Binding binding = binding(invocation.getMethod());
        String accept = binding.produces() != null ? binding.produces() : asked.accept();
        String key;
        boolean own;
        if (asked.anonymous()) {
            key = RequestKey.of(asked.method(), asked.path(), asked.query(), accept);
            own = false;
        } else if (binding.perUser() && asked.caller().isPresent()) {
            key = RequestKey.ofUser(asked.method(), asked.path(), asked.query(), accept, asked.caller().get());
            own = true;
        } else {
            // Credentials and a shared entry: the answer may depend on who asks, so it is neither taken from the
            // shared entry nor stored there, and no cache on the way may keep it.
            Outcome fresh = invoke(invocation, binding);
            Response answer = fresh.stored().map(stored -> answer(stored, "BYPASS", asked, true))
                    .orElse(fresh.uncached());
            return Response.fromResponse(answer)
                    .header(HttpHeaders.CACHE_CONTROL, null)
                    .header(HttpHeaders.CACHE_CONTROL, UNCACHED)
                    .header(HttpHeaders.VARY, null)
                    .header(HttpHeaders.VARY, PRIVATE_VARY)
                    .header(CACHE_HEADER, null)
                    .header(CACHE_HEADER, "BYPASS")
                    .build();
        }
        Optional<ResponseCache.Lookup> lookup = asked.warmUp() ? cache.peek(key) : cache.lookup(key);
        if (lookup.isEmpty()) {
            if (asked.warmUp()) {
                return null; // nothing to warm without Redis
            }
            // Redis could not be asked: answer from the database, and do not try to store.
            Outcome fresh = invoke(invocation, binding);
            return fresh.stored().map(stored -> answer(stored, "BYPASS", asked, own)).orElse(fresh.uncached());
        }
        if (lookup.get().entry().isPresent()) {
            return asked.warmUp() ? null : answer(lookup.get().entry().get(), "HIT", asked, own);
        }
        // Concurrent misses of one request share one invocation, across nodes: the first leads, the others wait.
        // Only misses of the same generation share: a request that began after an eviction must not take the
        // answer of a load that began before it. A warm-up is one of these misses.
        boolean[] ranHere = {false};
        String flight = key + "@" + lookup.get().generation();
        Outcome outcome = singleFlight.load(flight, ResponseCache.lockKey(key), () -> {
            ranHere[0] = true;
            return loadAndStore(key, invocation, binding);
        });
        if (asked.warmUp()) {
            return null;
        }
        boolean invokedHere = ranHere[0] && outcome.invoked();
        if (outcome.stored().isEmpty()) {
            // Not cacheable (not a 200): a waiter cannot reuse another request's answer.
            return invokedHere ? outcome.uncached() : invocation.proceed();
        }
        return answer(outcome.stored().get(), invokedHere ? "MISS" : "HIT", asked, own);
    }

    private CachedRequest fromHttp() {
        Principal caller = request.getUserPrincipal();
        return new CachedRequest(request.getMethod(), request.getRequestURI(), request.getQueryString(),
                request.getHeader(HttpHeaders.ACCEPT), request.getHeader(HttpHeaders.ACCEPT_ENCODING), request.getHeader(HttpHeaders.IF_NONE_MATCH),
                Optional.ofNullable(caller).map(Principal::getName),
                request.getHeader(HttpHeaders.AUTHORIZATION) != null, false);
    }

    /** A stored (or storable) response, or the uncached answer of an invocation that was not a 200. */
    private record Outcome(Optional<StoredResponse> stored, Response uncached, boolean invoked) {
    }

    // Runs under the single flight: another node may have stored the entry while this one waited for the lock.
    private Outcome loadAndStore(String key, InvocationContext invocation, Binding binding) {
        Optional<ResponseCache.Lookup> lookup = cache.peek(key);
        if (lookup.isPresent() && lookup.get().entry().isPresent()) {
            return new Outcome(lookup.get().entry(), null, false);
        }
        Outcome fresh = invoke(invocation, binding);
        if (lookup.isPresent() && fresh.stored().isPresent()) {
            cache.store(lookup.get(), key, fresh.stored().get(), binding.ttl());
        }
        return fresh;
    }

    private Outcome invoke(InvocationContext invocation, Binding binding) {
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
        return new Outcome(Optional.of(render(fresh, binding.ttl())), null, true);
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
        headers.put(HttpHeaders.VARY, SHARED_VARY);
        return StoredResponse.of(response.getStatus(), type.toString(), headers, body,
                System.currentTimeMillis() + ttl.toMillis());
    }

    /** {@code own}: the caller's own entry, which only the caller's browser may keep. */
    private Response answer(StoredResponse stored, String cacheOutcome, CachedRequest asked, boolean own) {
        String cacheControl = (own ? "private" : "public") + ", max-age=" + stored.secondsLeft(System.currentTimeMillis());
        String vary = own ? PRIVATE_VARY : SHARED_VARY;
        boolean gzip = stored.hasGzip() && ContentCoding.acceptsGzip(asked.acceptEncoding());
        // Each coding is its own representation, with its own strong validator.
        String etag = gzip ? ContentCoding.gzipEtag(stored.etag()) : stored.etag();
        if (HttpValidation.matches(asked.ifNoneMatch(), etag)) {
            return Response.notModified()
                    .header(HttpValidation.ETAG, etag)
                    .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header(HttpHeaders.VARY, vary)
                    .header(CACHE_HEADER, cacheOutcome)
                    .build();
        }
        Response.ResponseBuilder builder = Response.status(stored.status())
                .type(stored.contentType())
                .entity(gzip ? stored.gzip() : stored.body())
                .header(HttpHeaders.CACHE_CONTROL, cacheControl)
                .header(CACHE_HEADER, cacheOutcome);
        stored.headers().forEach((name, value) -> {
            if (!HttpValidation.ETAG.equals(name) && !HttpHeaders.VARY.equals(name)) {
                builder.header(name, value);
            }
        });
        builder.header(HttpValidation.ETAG, etag);
        builder.header(HttpHeaders.VARY, vary);
        if (gzip) {
            builder.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return builder.build();
    }

    private Binding binding(Method method) {
        return bindings.computeIfAbsent(method, m -> {
            CachedResponse binding = m.isAnnotationPresent(CachedResponse.class)
                    ? m.getAnnotation(CachedResponse.class)
                    : m.getDeclaringClass().getAnnotation(CachedResponse.class);
            long seconds = ConfigProvider.getConfig()
                    .getOptionalValue("caching.response." + binding.name() + ".ttl-seconds", Long.class)
                    .orElse(binding.ttlSeconds());
            return new Binding(Duration.ofSeconds(seconds), binding.perUser(), produces(m));
        });
    }

    /**
     * The one media type the method produces, which stands in for the request's Accept in the key: JAX-RS has
     * already refused (406) an Accept that does not take it, so every Accept that reaches the method gets the
     * same bytes, and clients that send different Accept headers (or a warm-up, which sends none) share an
     * entry. With several types the raw Accept header decides, as before.
     */
    private String produces(Method method) {
        Produces produces = method.isAnnotationPresent(Produces.class)
                ? method.getAnnotation(Produces.class)
                : method.getDeclaringClass().getAnnotation(Produces.class);
        if (produces != null && produces.value().length == 1 && !produces.value()[0].contains(",")) {
            return produces.value()[0];
        }
        return null;
    }
}
