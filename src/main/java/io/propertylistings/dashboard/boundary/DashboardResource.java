package io.propertylistings.dashboard.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the dashboard's files from the WAR's {@code /dashboard/} folder. JAX-RS owns every path of this
 * application ({@code @ApplicationPath("/")}), which leaves the server's static file servlet nothing to serve,
 * so its files go out through here, by a fixed list of names.
 */
@RequestScoped
@Path("dashboard")
@Tag(name = "dashboard", description = "A live page of the cache figures, for people")
public class DashboardResource {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=UTF-8",
            "dashboard.js", "text/javascript; charset=UTF-8",
            "readings.js", "text/javascript; charset=UTF-8",
            "charts.js", "text/javascript; charset=UTF-8",
            "dashboard.css", "text/css; charset=UTF-8");

    @Context
    ServletContext servlet;

    @Context
    UriInfo uri;

    @GET
    @Operation(summary = "The dashboard page; /dashboard redirects to /dashboard/ so its relative links work")
    @APIResponse(responseCode = "200", description = "the page (HTML)")
    @APIResponse(responseCode = "307", description = "to /dashboard/")
    public Response page() {
        if (!uri.getPath().endsWith("/")) {
            return Response.temporaryRedirect(uri.getRequestUriBuilder().replacePath(uri.getRequestUri().getPath() + "/")
                    .build()).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file}")
    @Operation(summary = "The dashboard's scripts and style sheet")
    @APIResponse(responseCode = "200", description = "the file")
    public Response file(@PathParam("file") String name) {
        String type = FILES.get(name);
        InputStream content = type == null ? null : servlet.getResourceAsStream("/dashboard/" + name);
        if (content == null) {
            throw new NotFoundException("no dashboard file " + name);
        }
        // The page is small and changes with the WAR: revalidate rather than serve a stale script.
        return Response.ok(content, type).header("Cache-Control", "no-cache").build();
    }
}
