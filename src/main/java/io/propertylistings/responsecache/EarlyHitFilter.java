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
import java.util.Enumeration;
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
    // Headers JAX-RS decides on besides the target and Accept: credentials, and the preconditions it evaluates.
    private static final List<String> LEFT_TO_JAX_RS = List.of("Authorization", "If-Match", "If-None-Match",
            "If-Modified-Since", "If-Unmodified-Since");

    @Inject
    GenerationalCache cache;

    @Inject
    EarlyHitIndex index;

    @Inject
    CacheStatistics statistics;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String signature = signature(request);
        if (signature == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<CacheEntry<?>> entry = index.get(signature);
        if (entry.isPresent() && cache.getHeld(entry.get()).orElse(null) instanceof RenderedResponse held) {
            statistics.earlyHit(entry.get().level());
            write(new CachedRepresentation(held.stored(), Cached.Outcome.HIT, false, entry.get()), request, response);
            return;
        }
        chain.doFilter(request, response);
        if (response.getStatus() == HttpServletResponse.SC_OK
                && request.getAttribute(ANSWERED_FROM) instanceof CacheEntry<?> answered) {
            index.put(signature, answered);
        }
    }

    /** What JAX-RS' answer to an anonymous GET without preconditions depends on; null for other requests. */
    static String signature(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod())) {
            return null;
        }
        for (String header : LEFT_TO_JAX_RS) {
            if (request.getHeader(header) != null) {
                return null;
            }
        }
        StringBuilder signature = new StringBuilder(request.getRequestURI());
        String query = request.getQueryString();
        if (query != null) {
            signature.append('?').append(query);
        }
        Enumeration<String> accept = request.getHeaders("Accept");
        while (accept.hasMoreElements()) {
            signature.append('\n').append(accept.nextElement());
        }
        return signature.toString();
    }

    /** A header's values as JAX-RS gives a header sent more than once: joined by commas; null if none. */
    private static String joined(Enumeration<String> values) {
        String joined = values.hasMoreElements() ? values.nextElement() : null;
        while (values.hasMoreElements()) {
            joined += "," + values.nextElement();
        }
        return joined;
    }

    private static void write(CachedRepresentation cached, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpAnswer answer = HttpAnswer.of(cached, joined(request.getHeaders("Accept-Encoding")),
                ClientCaching.maxAgeSeconds(), System.currentTimeMillis());
        response.setStatus(cached.stored().status());
        response.setContentType(answer.contentType());
        answer.headers().forEach(response::setHeader);
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
    }
}
