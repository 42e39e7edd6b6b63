package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.Cached;
import io.propertylistings.caching.GenerationalCache;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Answers a repeated GET from the cache entry that answered it before, ahead of JAX-RS: once JAX-RS has
 * answered a request from an entry ({@link CachedResponseWriter} notes which), a request with the same
 * signature (target and {@code Accept}) is that entry's again, and JAX-RS' matching, parameters and
 * interceptors would only work that out anew, at more CPU than the rest of a hit. The entry is answered only
 * if this node holds it and Redis confirms it current, the same check {@link CachedResponseInterceptor}'s
 * way makes ({@link GenerationalCache#getHeld}); anything else goes on to JAX-RS, which also decides every
 * request with credentials or preconditions.
 */
@WebFilter(filterName = "EarlyHitFilter", urlPatterns = "/*", asyncSupported = true)
public class EarlyHitFilter extends HttpFilter {

    static final String ANSWERED_FROM = EarlyHitFilter.class.getName() + ".answeredFrom";

    @Inject
    GenerationalCache cache;

    @Inject
    EarlyHitIndex index;

    @Inject
    CacheStatistics statistics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String signature = ResponseVariation.signature(request);
        if (signature == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CacheEntry<?>> entry = index.get(signature);
        if (entry.isPresent() && cache.getHeld(entry.get()).orElse(null) instanceof RenderedResponse held) {
            statistics.earlyHit(entry.get().level());
            write(new HttpAnswer(held.stored(), Cached.Outcome.HIT, false, entry.get()), request, response);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_OK
                && request.getAttribute(ANSWERED_FROM) instanceof CacheEntry<?> answered) {
            index.put(signature, answered);
        }
    }

    private static void write(HttpAnswer answer, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        answer.writeTo(new HttpAnswer.Target() {
            @Override
            public void status(int status) {
                response.setStatus(status);
            }

            @Override
            public void header(String name, String value) {
                response.setHeader(name, value);
            }

            @Override
            public void body(String contentType, byte[] body) throws IOException {
                response.setContentType(contentType);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
            }
        }, acceptEncoding(request), etag -> 0, ClientCaching.maxAgeSeconds(), System.currentTimeMillis());
    }

    /** The request's Accept-Encoding as JAX-RS gives a header sent more than once: joined by commas; null if none. */
    private static String acceptEncoding(HttpServletRequest request) {
        List<String> values = Collections.list(request.getHeaders(ResponseVariation.SELECTS_CODING));
        return values.isEmpty() ? null : String.join(",", values);
    }
}
