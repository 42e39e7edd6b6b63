package io.propertylistings.responsecache;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Response;

/** A cached method whose answer would depend on a header: what CachedMethodsCheckIT deploys to see it refused. */
@ApplicationScoped
public class HeaderReadingListing {

    @CachedResponse(name = "by-tenant")
    public Response byTenant(long id, @HeaderParam("X-Tenant") String tenant) {
        return Response.ok(tenant + " " + id).build();
    }
}
