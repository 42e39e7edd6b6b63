package io.propertylistings.properties.boundary;

import io.propertylistings.properties.entity.PropertyList;
import io.propertylistings.properties.entity.PropertyListBody;
import io.propertylistings.properties.entity.PropertyQuery;
import io.propertylistings.responsecache.CachedResponse;
import io.propertylistings.responsecache.GzippedBody;
import io.propertylistings.responsecache.RowId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

/**
 * The cached read views, as plain methods of plain values: the JAX-RS resource calls them for a request, the
 * warm-up calls them directly. Their arguments are their cache key, so both share one entry, one load and one
 * ETag.
 */
@ApplicationScoped
public class PropertyListing {

    @Inject
    PropertyCatalog catalog;

    @Inject
    ServletContext servlet;

    @CachedResponse(name = "property-list", ttlSeconds = 900)
    public Response list(PropertyQuery query) {
        if (query.isEverything()) {
            return Response.ok(gzipped(catalog.all())).build();
        }
        PropertyCatalog.PropertyPage found = catalog.search(query);
        if (query.page().isEmpty()) {
            return Response.ok(PropertyList.of(found.items())).build();
        }
        Response.ResponseBuilder response = Response.ok(PropertyList.page(found.items(), found.total()));
        PageLinks.of(servlet.getContextPath() + "/properties/", query, found.total()).forEach(response::header);
        return response.build();
    }

    private static GzippedBody gzipped(PropertyListBody list) {
        return new GzippedBody(list.gzip(), list.identity());
    }

    // A detail depends on its own row: writes to other properties leave it cached.
    @CachedResponse(name = "property-detail", ttlSeconds = 900)
    public Response detail(@RowId long id) {
        return Response.ok(catalog.find(id).orElseThrow(() -> notFound(id))).build();
    }

    static NotFoundException notFound(long id) {
        return new NotFoundException("no property with id " + id);
    }
}
