package io.propertylistings.responsecache;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a cached answer depends on, stated once. Every part that must agree on it reads it here: the entry's
 * key (the method's name and its arguments), the owner of a caller's own answer, the early path's signature
 * of a request, and the {@code Vary} header that tells caches in front what the answer was chosen by.
 * <ul>
 * <li>The entry: the method's arguments in canonical form ({@link CacheKeyed}, or their text). An argument may
 * come from the request's target (path and query) and from who the caller is (an owner); nothing else of the
 * request may reach a cached method, which {@link #refusal} checks at deployment.</li>
 * <li>The representation of the entry: {@value #SELECTS_ENTRY} (the answer's type) and {@value #SELECTS_CODING}
 * (gzip or identity), and for a caller's own answer {@value #CALLER}.</li>
 * <li>A request with credentials or with preconditions is left to JAX-RS, which decides who asks and what a
 * precondition gives: the early path answers only what depends on the target and {@value #SELECTS_ENTRY}.</li>
 * </ul>
 */
final class ResponseVariation {

    static final String SELECTS_ENTRY = "Accept";
    static final String SELECTS_CODING = "Accept-Encoding";
    static final String CALLER = "Authorization";
    static final List<String> PRECONDITIONS = List.of("If-Match", "If-None-Match", "If-Modified-Since",
            "If-Unmodified-Since");

    private static final String SHARED_VARY = SELECTS_ENTRY + ", " + SELECTS_CODING;
    private static final String PERSONAL_VARY = SHARED_VARY + ", " + CALLER;

    // Request state that JAX-RS could hand a cached method besides the target: none of it is in the key.
    private static final Set<Class<? extends Annotation>> REQUEST_STATE = Set.of(HeaderParam.class,
            CookieParam.class, FormParam.class, BeanParam.class, Context.class);
    private static final Set<Class<?>> REQUEST_TYPES = Set.of(HttpHeaders.class, Request.class,
            SecurityContext.class, UriInfo.class, Cookie.class, HttpServletRequest.class);

    private ResponseVariation() {
    }

    /** The entry's key: hashed, so a long argument cannot make a long Redis key nor an owner show in Redis. */
    static String key(String name, Object... arguments) {
        StringBuilder identity = new StringBuilder(name);
        for (Object argument : arguments) {
            identity.append('\n');
            if (argument instanceof CacheKeyed keyed) {
                identity.append(keyed.cacheKey());
                keyed.owner().ifPresent(owner -> identity.append("\nowner:").append(owner));
            } else {
                identity.append(argument);
            }
        }
        return HexFormat.of().formatHex(sha256(identity.toString()));
    }

    /** The caller whose own answer this is, if an argument names one. */
    static Optional<String> owner(Object... arguments) {
        for (Object argument : arguments) {
            if (argument instanceof CacheKeyed keyed && keyed.owner().isPresent()) {
                return keyed.owner();
            }
        }
        return Optional.empty();
    }

    /** The headers a cache in front must key an answer by. */
    static String vary(boolean personal) {
        return personal ? PERSONAL_VARY : SHARED_VARY;
    }

    /**
     * What JAX-RS' answer to a GET depends on, as the request arrived (target and {@value #SELECTS_ENTRY}); null
     * for a request that only JAX-RS may answer.
     */
    static String signature(HttpServletRequest request) {
        if (!"GET".equals(request.getMethod()) || request.getHeader(CALLER) != null) {
            return null;
        }
        for (String header : PRECONDITIONS) {
            if (request.getHeader(header) != null) {
                return null;
            }
        }
        StringBuilder signature = new StringBuilder(request.getRequestURI());
        String query = request.getQueryString();
        if (query != null) {
            signature.append('?').append(query);
        }
        Enumeration<String> accept = request.getHeaders(SELECTS_ENTRY);
        while (accept.hasMoreElements()) {
            signature.append('\n').append(accept.nextElement());
        }
        return signature.toString();
    }

    /**
     * Why a cached method's answer could depend on more than this contract names, or empty: a parameter that
     * JAX-RS would fill from the request's headers, cookies, body or context.
     */
    static Optional<String> refusal(Method method) {
        Parameter[] parameters = method.getParameters();
        for (int i = 0; i < parameters.length; i++) {
            for (Annotation annotation : parameters[i].getAnnotations()) {
                if (REQUEST_STATE.contains(annotation.annotationType())) {
                    return Optional.of(refused(method, i + 1, "@" + annotation.annotationType().getSimpleName() + " "
                            + parameters[i].getType().getSimpleName()));
                }
            }
            if (REQUEST_TYPES.contains(parameters[i].getType())) {
                return Optional.of(refused(method, i + 1, parameters[i].getType().getSimpleName()));
            }
        }
        return Optional.empty();
    }

    private static String refused(Method method, int position, String what) {
        return "@CachedResponse " + method.getDeclaringClass().getName() + "." + method.getName()
                + ": its parameter " + position + " (" + what + ") is request state that the cache key, "
                + "the early path and Vary do not name, so one request's answer would be served for another. "
                + "Read it in the resource and pass what the answer depends on as an argument (a CacheKeyed one, "
                + "with its owner where it is the caller's own)";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
