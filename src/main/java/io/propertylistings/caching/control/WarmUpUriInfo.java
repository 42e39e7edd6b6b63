package io.propertylistings.caching.control;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

/**
 * The request URI of a warm-up, for a resource method that takes {@code @Context UriInfo}: what a request of
 * {@code <contextPath>/<path>?<query>} would give for the request URI and its query parameters. The host is a
 * placeholder: cached responses carry path-absolute links only. Matching information does not exist without
 * JAX-RS' routing and is refused.
 */
public final class WarmUpUriInfo implements UriInfo {

    /** The security context of a warm-up: nobody is logged in. */
    public static final SecurityContext ANONYMOUS = new SecurityContext() {
        @Override
        public Principal getUserPrincipal() {
            return null;
        }

        @Override
        public boolean isUserInRole(String role) {
            return false;
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public String getAuthenticationScheme() {
            return null;
        }
    };

    private final URI base;
    private final URI request;
    private final String path;

    /** {@code path} relative to the application (no leading slash), {@code query} raw or null. */
    public WarmUpUriInfo(String contextPath, String path, String query) {
        this.base = URI.create("http://localhost" + contextPath + "/");
        this.path = path;
        this.request = URI.create(base + path + (query == null ? "" : "?" + query));
    }

    @Override
    public String getPath() {
        return getPath(true);
    }

    @Override
    public String getPath(boolean decode) {
        return decode ? URLDecoder.decode(path, StandardCharsets.UTF_8) : path;
    }

    @Override
    public List<PathSegment> getPathSegments() {
        throw unsupported();
    }

    @Override
    public List<PathSegment> getPathSegments(boolean decode) {
        throw unsupported();
    }

    @Override
    public URI getRequestUri() {
        return request;
    }

    @Override
    public UriBuilder getRequestUriBuilder() {
        return UriBuilder.fromUri(request);
    }

    @Override
    public URI getAbsolutePath() {
        return base.resolve(path);
    }

    @Override
    public UriBuilder getAbsolutePathBuilder() {
        return UriBuilder.fromUri(getAbsolutePath());
    }

    @Override
    public URI getBaseUri() {
        return base;
    }

    @Override
    public UriBuilder getBaseUriBuilder() {
        return UriBuilder.fromUri(base);
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters() {
        throw unsupported();
    }

    @Override
    public MultivaluedMap<String, String> getPathParameters(boolean decode) {
        throw unsupported();
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters() {
        return getQueryParameters(true);
    }

    @Override
    public MultivaluedMap<String, String> getQueryParameters(boolean decode) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        String query = request.getRawQuery();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(decode ? decode(name) : name, decode ? decode(value) : value);
        }
        return parameters;
    }

    @Override
    public List<String> getMatchedURIs() {
        throw unsupported();
    }

    @Override
    public List<String> getMatchedURIs(boolean decode) {
        throw unsupported();
    }

    @Override
    public List<Object> getMatchedResources() {
        throw unsupported();
    }

    @Override
    public URI resolve(URI uri) {
        return base.resolve(uri);
    }

    @Override
    public URI relativize(URI uri) {
        return request.relativize(uri);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static UnsupportedOperationException unsupported() {
        return new UnsupportedOperationException("a warm-up has no JAX-RS matching information");
    }
}
