package io.propertylistings.properties.boundary;

import io.propertylistings.platform.boundary.Problem;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;

/**
 * What a {@code PATCH} body may be (RFC 5789's {@code Accept-Patch}), told before a client sends one, on the answer
 * to {@code OPTIONS} of a resource that takes PATCH, and after, on a 415 to a PATCH, whose message names it too.
 */
@Provider
public class AcceptPatch implements ContainerResponseFilter {

    static final String HEADER = "Accept-Patch";

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        boolean options = HttpMethod.OPTIONS.equals(request.getMethod())
                && response.getAllowedMethods().contains(HttpMethod.PATCH);
        boolean refused = HttpMethod.PATCH.equals(request.getMethod())
                && response.getStatus() == Response.Status.UNSUPPORTED_MEDIA_TYPE.getStatusCode();
        if (refused) {
            String sent = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            response.setEntity(Problem.of(Response.Status.UNSUPPORTED_MEDIA_TYPE, "PATCH takes "
                            + PropertiesResource.ACCEPT_PATCH + ", not "
                            + (sent == null ? "a body without a Content-Type" : sent)),
                    new Annotation[0], MediaType.valueOf(Problem.MEDIA_TYPE));
        }
        if (options || refused) {
            response.getHeaders().putSingle(HEADER, PropertiesResource.ACCEPT_PATCH);
        }
    }
}
