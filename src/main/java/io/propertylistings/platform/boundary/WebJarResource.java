package io.propertylistings.platform.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the pages' libraries from their WebJars in {@code WEB-INF/lib}: uPlot for the dashboard, Swagger UI for
 * the API page. A jar's {@code META-INF/resources} are the WAR's resources (Servlet 3), but JAX-RS owns every path
 * here, so the server's static file servlet never sees {@code /webjars/...}. A fixed list of files, no CDN.
 */
@RequestScoped
@Path("webjars/{library}/{version: [0-9]+(?:\\.[0-9]+)*}/{file: .+}")
@Tag(name = "pages", description = "The libraries that the dashboard and the API page load")
public class WebJarResource {

    private static final Map<String, Map<String, String>> FILES = Map.of(
            "uplot", Map.of(
                    "dist/uPlot.esm.js", WarFiles.JAVASCRIPT,
                    "dist/uPlot.min.css", WarFiles.CSS),
            "swagger-ui", Map.of(
                    "swagger-ui-bundle.js", WarFiles.JAVASCRIPT,
                    "swagger-ui.css", WarFiles.CSS,
                    "index.css", WarFiles.CSS,
                    "favicon-16x16.png", WarFiles.PNG,
                    "favicon-32x32.png", WarFiles.PNG));

    @Context
    ServletContext servlet;

    @GET
    @Operation(summary = "A library's scripts and style sheets, of the version bundled in the WAR")
    @APIResponse(responseCode = "200", description = "the file")
    @APIResponse(responseCode = "404", description = "another library, version or file")
    public Response file(@PathParam("library") String library, @PathParam("version") String version,
            @PathParam("file") String name) {
        Map<String, String> files = FILES.get(library);
        if (files == null) {
            throw new NotFoundException("no WebJar " + library);
        }
        return WarFiles.send(servlet, "/webjars/" + library + "/" + version + "/", files, name, WarFiles.IMMUTABLE,
                library + " " + version);
    }
}
