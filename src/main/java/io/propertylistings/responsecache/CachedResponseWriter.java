package io.propertylistings.responsecache;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a cached answer ({@link HttpAnswer}) into JAX-RS' response, where JAX-RS evaluates the request's
 * preconditions against its ETag. Notes the entry a shared answer came from, for {@link EarlyHitFilter} to
 * answer the next such request from.
 */
@Provider
public class CachedResponseWriter implements ContainerResponseFilter {

    // The stored media types are few: parse each once.
    private final Map<String, MediaType> mediaTypes = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) throws IOException {
        if (!(response.getEntity() instanceof HttpAnswer answer)) {
            return;
        }
        answer.writeTo(new HttpAnswer.Target() {
            @Override
            public void status(int status) {
                response.setStatus(status);
                response.setEntity(null);
                response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
            }

            @Override
            public void header(String name, String value) {
                response.getHeaders().putSingle(name, value);
            }

            @Override
            public void body(String contentType, byte[] body) {
                response.setEntity(body, response.getEntityAnnotations(), mediaType(contentType));
            }
        }, request.getHeaderString(HttpHeaders.ACCEPT_ENCODING), etag -> {
            Response.ResponseBuilder decided = request.getRequest().evaluatePreconditions(new EntityTag(etag));
            return decided == null ? 0 : decided.build().getStatus();
        }, ClientCaching.maxAgeSeconds(), System.currentTimeMillis());
        if (!answer.personal()) {
            // In a servlet container the property is a request attribute: EarlyHitFilter reads it.
            request.setProperty(EarlyHitFilter.ANSWERED_FROM, answer.entry());
        }
    }

    private MediaType mediaType(String text) {
        MediaType type = mediaTypes.get(text);
        if (type == null) {
            type = MediaType.valueOf(text);
            if (mediaTypes.size() < 16) {
                mediaTypes.put(text, type);
            }
        }
        return type;
    }
}
