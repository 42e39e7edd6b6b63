package io.propertylistings.apidocs.boundary;

import io.propertylistings.platform.boundary.WarFiles;
import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The API page: Swagger UI (from its WebJar) on this service's {@code /openapi}, to read the API and try it. At
 * {@code /api-docs/} rather than {@code /openapi/ui}, which OpenLiberty keeps for a page of its own. Files from the
 * WAR's {@code /api-docs/} folder ({@link WarFiles}).
 */
@RequestScoped
@Path("api-docs")
@Tag(name = "api-docs", description = "This API's page, to read and try it in a browser")
public class ApiDocsResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", WarFiles.HTML,
            "api-docs.js", WarFiles.JAVASCRIPT);

    @Context
    ServletContext servlet;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The API page (Swagger UI); /api-docs redirects to /api-docs/ so its relative links work")
    @APIResponse(responseCode = "200", description = "the page (HTML)")
    @APIResponse(responseCode = "307", description = "to /api-docs/")
    public Response page() {
        return uri.getPath().endsWith("/") ? file("index.html") : WarFiles.toFolder(uri);
    }

    @GET
    @Path("{file}")
    @Operation(summary = "The API page's script")
    @APIResponse(responseCode = "200", description = "the file")
    public Response file(@PathParam("file") String name) {
        return WarFiles.send(servlet, "/api-docs/", FILES, name, WarFiles.REVALIDATE, "API page");
    }
}
