package io.propertylistings.bench.ceiling;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The ceiling: the same server and JAX-RS stack as the service, answering a byte array held in memory with the
 * headers a cache hit carries, and doing nothing else (no Redis, no lookup, no key).
 */
@Path("/")
public class CeilingResource {

    @GET
    public Response body(@HeaderParam(HttpHeaders.ACCEPT_ENCODING) String acceptEncoding) {
        boolean gzip = CeilingBody.acceptsGzip(acceptEncoding);
        Response.ResponseBuilder response = Response.ok(gzip ? CeilingBody.gzip : CeilingBody.identity,
                        MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=900")
                .header("X-Cache", "HIT")
                .header(HttpHeaders.VARY, "Accept, Accept-Encoding")
                .header(HttpHeaders.ETAG, CeilingBody.ETAG);
        if (gzip) {
            response.header(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        return response.build();
    }

    /** Sets the bytes: {@code ?coding=identity} or {@code ?coding=gzip}. */
    @PUT
    @Path("body")
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response set(@QueryParam("coding") String coding, byte[] body) {
        if ("gzip".equals(coding)) {
            CeilingBody.gzip = body;
        } else {
            CeilingBody.identity = body;
        }
        return Response.noContent().build();
    }
}
