package io.propertylistings.properties.boundary;

import io.propertylistings.caching.boundary.CachedResponse;
import io.propertylistings.properties.entity.PropertyDraft;
import io.propertylistings.properties.entity.PropertyJson;
import io.propertylistings.properties.entity.PropertyList;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

@Path("properties")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PropertiesResource {

    @Inject
    PropertyCatalog catalog;

    @GET
    @CachedResponse(name = "property-list", ttlSeconds = 900)
    public Response list() {
        return Response.ok(PropertyList.of(catalog.all())).build();
    }

    @POST
    public Response create(@Valid @NotNull(message = "a JSON body is required") PropertyDraft draft,
            @Context UriInfo uri) {
        PropertyJson created = catalog.create(draft);
        return Response.created(uri.getBaseUriBuilder().path("properties").path(Long.toString(created.id())).build())
                .entity(created)
                .build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public PropertyJson replace(@PathParam("id") long id,
            @Valid @NotNull(message = "a JSON body is required") PropertyDraft draft) {
        return catalog.replace(id, draft).orElseThrow(() -> new NotFoundException("no property with id " + id));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public void delete(@PathParam("id") long id) {
        if (!catalog.delete(id)) {
            throw new NotFoundException("no property with id " + id);
        }
    }
}
