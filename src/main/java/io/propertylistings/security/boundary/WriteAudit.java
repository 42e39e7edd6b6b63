package io.propertylistings.security.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line per write, refused ones included, as a JSON object on the logger {@code io.propertylistings.audit}:
 * {@code {"audit":"write","caller":"alice","method":"PUT","property":42,"status":200}}. The caller is the
 * authenticated one (null when none): never the name of refused credentials, which may be a mistyped
 * password, and never the body. JSON so that no caller name or path can forge a line or a field.
 */
@Provider
public class WriteAudit implements ContainerResponseFilter {

    private static final Logger AUDIT = Logger.getLogger("io.propertylistings.audit");
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Pattern PROPERTY = Pattern.compile("/?properties/([0-9]{1,18})/?");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod())) {
            return;
        }
        AUDIT.info(() -> line(request, response));
    }

    static String line(ContainerRequestContext request, ContainerResponseContext response) {
        JsonObjectBuilder line = Json.createObjectBuilder().add("audit", "write");
        Principal caller = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        if (caller == null) {
            line.addNull("caller");
        } else {
            line.add("caller", caller.getName());
        }
        line.add("method", request.getMethod());
        String id = propertyId(request.getUriInfo().getPath(),
                response.getStatus() == 201 ? response.getHeaderString(HttpHeaders.LOCATION) : null);
        if (id == null) {
            line.addNull("property");
        } else {
            line.add("property", Long.parseLong(id));
        }
        return line.add("status", response.getStatus()).build().toString();
    }

    /** The id in the path, or for a creation the one its Location names. */
    static String propertyId(String path, String location) {
        Matcher inPath = PROPERTY.matcher(path);
        if (inPath.matches()) {
            return inPath.group(1);
        }
        if (location != null) {
            Matcher created = Pattern.compile(".*/properties/([0-9]{1,18})/?").matcher(location);
            if (created.matches()) {
                return created.group(1);
            }
        }
        return null;
    }
}
