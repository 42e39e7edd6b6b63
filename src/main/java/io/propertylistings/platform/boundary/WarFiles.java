package io.propertylistings.platform.boundary;

import jakarta.servlet.ServletContext;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.Map;

/**
 * Sends files of the WAR through JAX-RS: it owns every path of this application ({@code @ApplicationPath("/")}),
 * which leaves the server's static file servlet nothing to serve, so the pages' files and the WebJars they load go
 * out through resources. Each resource names its files in a fixed list: nothing else of the WAR is read this way.
 */
public final class WarFiles {

    public static final String HTML = "text/html; charset=UTF-8";
    public static final String JAVASCRIPT = "text/javascript; charset=UTF-8";
    public static final String CSS = "text/css; charset=UTF-8";
    public static final String PNG = "image/png";

    /** A page's own files change with the WAR under the same URL: revalidate rather than run a stale script. */
    public static final String REVALIDATE = "no-cache";
    /** A file whose URL holds its version: a new version is a new URL, so this one never changes. */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";

    private WarFiles() {
    }

    /**
     * The file {@code name} of the WAR's {@code folder} if {@code types} lists it (with its content type), else a 404
     * that names {@code what}.
     */
    public static Response send(ServletContext servlet, String folder, Map<String, String> types, String name,
            String cacheControl, String what) {
        String type = types.get(name);
        InputStream content = type == null ? null : servlet.getResourceAsStream(folder + name);
        if (content == null) {
            throw new NotFoundException("no " + what + " file " + name);
        }
        return Response.ok(content, type).header("Cache-Control", cacheControl).build();
    }

    /** A page's folder asked for without its slash: to the folder, so that the page's relative links work. */
    public static Response toFolder(UriInfo uri) {
        return Response.temporaryRedirect(uri.getRequestUriBuilder().replacePath(uri.getRequestUri().getPath() + "/")
                .build()).build();
    }
}
