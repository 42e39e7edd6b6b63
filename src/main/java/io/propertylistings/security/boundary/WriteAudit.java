package io.propertylistings.security.boundary;

import jakarta.json.Json;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record per write, refused ones included, on the logger {@code io.propertylistings.audit}. Its message reads
 * {@code Audit: PUT on property 42 by "alice": 200}; its last parameter is the same as fields, a map
 * {@code audit=write, caller=alice, method=PUT, property=42, status=200}, which a JSON log formatter that takes a
 * map parameter's entries as members (Payara's) writes as members of the line. The caller is the authenticated
 * one (no caller when none): never the name of refused credentials, which may be a mistyped password, and never
 * the body. The name is quoted as a JSON string so that no caller name can forge a line.
 */
@Provider
public class WriteAudit implements ContainerResponseFilter {

    static final String LOGGER = "io.propertylistings.audit";
    private static final Logger AUDIT = Logger.getLogger(LOGGER);
    private static final Set<String> READS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Pattern PROPERTY = Pattern.compile("/?properties/([0-9]{1,18})/?");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (READS.contains(request.getMethod()) || !AUDIT.isLoggable(Level.INFO)) {
            return;
        }
        Principal caller = request.getSecurityContext() == null ? null : request.getSecurityContext().getUserPrincipal();
        String id = propertyId(request.getUriInfo().getPath(),
                response.getStatus() == 201 ? response.getHeaderString(HttpHeaders.LOCATION) : null);
        AUDIT.log(record(request.getMethod(), caller == null ? null : caller.getName(), id, response.getStatus()));
    }

    /** The audit record of a write; {@code caller} and {@code id} null when there is none. */
    static LogRecord record(String method, String caller, String id, int status) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("audit", "write");
        if (caller != null) {
            fields.put("caller", caller);
        }
        fields.put("method", method);
        if (id != null) {
            fields.put("property", Long.parseLong(id));
        }
        fields.put("status", status);
        LogRecord record = new LogRecord(Level.INFO, "Audit: {0} on {1} by {2}: {3}");
        record.setLoggerName(LOGGER);
        record.setSourceClassName(WriteAudit.class.getName());
        record.setSourceMethodName("filter");
        record.setParameters(new Object[] {method, id == null ? "properties" : "property " + id,
                caller == null ? "nobody authenticated" : Json.createValue(caller).toString(),
                Integer.toString(status), fields});
        return record;
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
