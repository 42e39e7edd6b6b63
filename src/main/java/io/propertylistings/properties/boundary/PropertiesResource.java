package io.propertylistings.properties.boundary;

import io.propertylistings.platform.boundary.JaxRsConfiguration;
import io.propertylistings.properties.entity.PropertyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.security.Principal;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;

// One instance for all requests: it holds no request state (UriInfo and SecurityContext come as parameters),
// and a new instance per request, with its injections, would cost a large share of a cache hit's CPU.
// Reads delegate to PropertyListing, whose methods are cached.
@ApplicationScoped
@Path("properties")
@Produces(MediaType.APPLICATION_JSON)
public class PropertiesResource {

    static final String MERGE_PATCH = "application/merge-patch+json";
    /** What a PATCH takes (RFC 5789's {@code Accept-Patch}): a merge patch, under its own type or as plain JSON. */
    static final String ACCEPT_PATCH = MERGE_PATCH + ", " + MediaType.APPLICATION_JSON;

    @Inject
    PropertyCatalog catalog;

    @Inject
    PropertyListing listing;

    @Inject
    PropertyDraftReader drafts;

    @Inject
    PropertyQueryReader queries;

    // Anonymous, or with credentials for mine=true: either set of requirements will do.
    @GET
    @SecurityRequirementsSet
    @SecurityRequirementsSet(@SecurityRequirement(name = JaxRsConfiguration.BASIC))
    public Response list(@Context UriInfo uri, @Context SecurityContext security) {
        return listing.list(queries.read(uri.getQueryParameters(), caller(security)));
    }

    @GET
    @Path("{id: [0-9]{1,18}}")
    public Response detail(@PathParam("id") long id) {
        return listing.detail(id);
    }

    @POST
    @SecurityRequirement(name = JaxRsConfiguration.BASIC)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body, @Context UriInfo uri, @Context SecurityContext security) {
        // WriteAuthorization lets no anonymous write through: there is always a caller here.
        PropertyJson created = catalog.create(drafts.draft(drafts.object(body)), caller(security).orElseThrow());
        return Response.created(uri.getBaseUriBuilder().path("properties").path(Long.toString(created.id())).build())
                .entity(created)
                .build();
    }

    @PUT
    @SecurityRequirement(name = JaxRsConfiguration.BASIC)
    @Path("{id: [0-9]{1,18}}")
    @Consumes(MediaType.APPLICATION_JSON)
    public PropertyJson replace(@PathParam("id") long id, InputStream body) {
        return catalog.replace(id, drafts.draft(drafts.object(body))).orElseThrow(() -> notFound(id));
    }

    // Most JSON clients send a PATCH as application/json: it is taken as the same merge patch (RFC 7396).
    @PATCH
    @SecurityRequirement(name = JaxRsConfiguration.BASIC)
    @Path("{id: [0-9]{1,18}}")
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    public PropertyJson patch(@PathParam("id") long id, InputStream body) {
        return catalog.patch(id, drafts.object(body)).orElseThrow(() -> notFound(id));
    }

    @DELETE
    @SecurityRequirement(name = JaxRsConfiguration.BASIC)
    @Path("{id: [0-9]{1,18}}")
    public void delete(@PathParam("id") long id) {
        if (!catalog.delete(id)) {
            throw notFound(id);
        }
    }

    private static Optional<String> caller(SecurityContext security) {
        return Optional.ofNullable(security.getUserPrincipal()).map(Principal::getName);
    }

    private static NotFoundException notFound(long id) {
        return PropertyListing.notFound(id);
    }
}
