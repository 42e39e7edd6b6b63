package io.propertylistings.dashboard.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves uPlot, the dashboard's chart library, from its WebJar in {@code WEB-INF/lib}: the jar's
 * {@code META-INF/resources} are the WAR's resources (Servlet 3), but JAX-RS owns every path here, so the
 * server's static file servlet never sees {@code /webjars/...}. A fixed list of files, no CDN.
 */
@RequestScoped
@Path("webjars/uplot/{version: [0-9]+(?:\\.[0-9]+)*}/dist")
@Tag(name = "dashboard", description = "A live page of the cache figures, for people")
public class WebJarResource {

    private static final Map<String, String> FILES = Map.of(
            "uPlot.esm.js", "text/javascript; charset=UTF-8",
            "uPlot.min.css", "text/css; charset=UTF-8");

    @Context
    ServletContext servlet;

    @GET
    @Path("{file}")
    @Operation(summary = "uPlot's module and style sheet, of the version bundled in the WAR")
    @APIResponse(responseCode = "200", description = "the file")
    @APIResponse(responseCode = "404", description = "another version or file")
    public Response file(@PathParam("version") String version, @PathParam("file") String name) {
        String type = FILES.get(name);
        InputStream content = type == null ? null
                : servlet.getResourceAsStream("/webjars/uplot/" + version + "/dist/" + name);
        if (content == null) {
            throw new NotFoundException("no uPlot file " + name + " of version " + version);
        }
        // The version is in the path: a new uPlot is a new URL, so this one never changes.
        return Response.ok(content, type).header("Cache-Control", "public, max-age=31536000, immutable").build();
    }
}
