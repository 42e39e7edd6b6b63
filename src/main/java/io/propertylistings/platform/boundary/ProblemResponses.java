package io.propertylistings.platform.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;

/**
 * Finishes every problem JAX-RS answers, wherever it was made (an exception mapper, a filter's abort, a resource
 * that sends a problem with extension members): its {@code instance} is the request's path, its type fits the request's {@code Accept} ({@link ProblemMediaType}),
 * and no cache keeps it, so that a 404 is not served after the property is created.
 */
@Provider
// Response filters run from the highest priority down: this one after those that make a problem.
@Priority(Priorities.AUTHENTICATION)
public class ProblemResponses implements ContainerResponseFilter {

    private static final MediaType PROBLEM = new MediaType("application", "problem+json");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object entity = response.getEntity();
        if (entity instanceof Problem problem && problem.instance() == null) {
            entity = problem.at(request.getUriInfo().getRequestUri().getRawPath());
        } else if (!(entity instanceof Problem) && !isProblem(response.getMediaType())) {
            return;
        }
        String type = ProblemMediaType.forAccept(request.getHeaders().get(HttpHeaders.ACCEPT));
        Annotation[] annotations = response.getEntityAnnotations();
        response.setEntity(entity, annotations == null ? new Annotation[0] : annotations, MediaType.valueOf(type));
        response.getHeaders().putSingle(HttpHeaders.CACHE_CONTROL, Problem.CACHE_CONTROL);
    }

    // Every answer passes here, cache hits through JAX-RS too: compared without formatting the type.
    private static boolean isProblem(MediaType type) {
        return type != null && PROBLEM.getSubtype().equals(type.getSubtype()) && PROBLEM.getType().equals(type.getType());
    }
}
