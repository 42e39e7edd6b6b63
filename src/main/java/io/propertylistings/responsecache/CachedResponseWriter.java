package io.propertylistings.responsecache;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a cached response ({@link CachedRepresentation}) for the request at hand: JAX-RS evaluates
 * {@code If-None-Match} against the representation's ETag (a 304 without a body), otherwise the stored bytes
 * go out as they are, gzipped if the client takes gzip. See {@link HttpAnswer} for the headers. Notes the
 * entry a shared answer came from, for {@link EarlyHitFilter} to answer the next such request from.
 */
@Provider
public class CachedResponseWriter implements ContainerResponseFilter {

    // Parsing a media type on every hit cost about 1 % of a detail hit's CPU; the stored types are few.
    private final Map<String, MediaType> mediaTypes = new ConcurrentHashMap<>();

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof CachedRepresentation cached)) {
            return;
        }
        HttpAnswer answer = HttpAnswer.of(cached, request.getHeaderString(HttpHeaders.ACCEPT_ENCODING),
                ClientCaching.maxAgeSeconds(), System.currentTimeMillis());
        MultivaluedMap<String, Object> headers = response.getHeaders();
        Response.ResponseBuilder precondition = request.getRequest()
                .evaluatePreconditions(new EntityTag(answer.opaqueEtag()));
        if (precondition != null) {
            response.setStatus(precondition.build().getStatus());
            response.setEntity(null);
            headers.remove(HttpHeaders.CONTENT_TYPE);
            answer.notModifiedHeaders().forEach(headers::putSingle);
            return;
        }
        response.setStatus(cached.stored().status());
        response.setEntity(answer.body(), response.getEntityAnnotations(), mediaType(answer.contentType()));
        answer.headers().forEach(headers::putSingle);
        if (!cached.personal()) {
            // In a servlet container the property is a request attribute: EarlyHitFilter reads it.
            request.setProperty(EarlyHitFilter.ANSWERED_FROM, cached.entry());
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
