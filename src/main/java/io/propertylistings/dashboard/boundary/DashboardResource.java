package io.propertylistings.dashboard.boundary;

import io.propertylistings.platform.boundary.JaxRsConfiguration;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Serves the dashboard's files from the WAR's {@code /dashboard/} folder ({@link WarFiles}). */
@RequestScoped
@Path("dashboard")
// Public, unless security.operations.role is set: then a user in that role, as for /cache.
@SecurityRequirementsSet
@SecurityRequirementsSet(@SecurityRequirement(name = JaxRsConfiguration.BASIC))
@Tag(name = "dashboard", description = "A live page of the cache figures, for people")
public class DashboardResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", WarFiles.HTML,
            "dashboard.js", WarFiles.JAVASCRIPT,
            "readings.js", WarFiles.JAVASCRIPT,
            "charts.js", WarFiles.JAVASCRIPT,
            "dashboard.css", WarFiles.CSS);

    @Context
    ServletContext servlet;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The dashboard page; /dashboard redirects to /dashboard/ so its relative links work")
    @APIResponse(responseCode = "200", description = "the page (HTML)")
    @APIResponse(responseCode = "307", description = "to /dashboard/")
    public Response page() {
        return uri.getPath().endsWith("/") ? file("index.html") : WarFiles.toFolder(uri);
    }

    @GET
    @Path("{file}")
    @Operation(summary = "The dashboard's scripts and style sheet")
    @APIResponse(responseCode = "200", description = "the file")
    public Response file(@PathParam("file") String name) {
        return WarFiles.send(servlet, "/dashboard/", FILES, name, WarFiles.REVALIDATE, "dashboard");
    }
}
