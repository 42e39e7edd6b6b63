package io.propertylistings.platform.boundary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.Paths;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the scanned OpenAPI document. Adds the error answers that the exception mappers give to every
 * operation, so that no resource has to repeat them: 400 where there is a request body, 404 where there is a
 * path parameter, 503 on the properties, 401, 406, 429 and 500 everywhere, each a {@link Problem}, and documents
 * the {@link ProblemType}s in its schema. And turns JAX-RS path templates with a regular expression
 * ({@code {id: [0-9]+}}, which Payara copies as is) into OpenAPI's {@code {id}}. Named by {@code mp.openapi.filter}.
 */
public class ErrorResponsesFilter implements OASFilter {

    static final String SCHEMA_NAME = "Problem";
    private static final String SCHEMA_REF = "#/components/schemas/" + SCHEMA_NAME;

    @Override
    public Operation filterOperation(Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (operation.getRequestBody() != null) {
            addIfAbsent(responses, "400", "The body is not JSON, or breaks a limit (" + ProblemType.INVALID_REQUEST.uri()
                    + "); violations name each field");
        }
        List<Parameter> parameters = operation.getParameters();
        if (parameters != null && parameters.stream().anyMatch(parameter -> parameter.getIn() == Parameter.In.PATH)) {
            addIfAbsent(responses, "404", "No resource with that id");
        }
        // Any request may send credentials, and one whose Authorization header authenticates nobody is refused.
        addIfAbsent(responses, "401", "The Authorization header authenticates nobody (a write: or there is none)");
        addIfAbsent(responses, "406", "The Accept header takes none of the types this operation answers");
        addIfAbsent(responses, "429", "Too many failed logins for this name or from this address ("
                + ProblemType.LOGIN_THROTTLED.uri() + "); see Retry-After");
        addIfAbsent(responses, "500", "An unexpected failure; details are in the server log, not in the body");
        return operation;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Paths paths = openAPI.getPaths();
        if (paths != null && paths.getPathItems() != null) {
            for (Map.Entry<String, PathItem> path : new LinkedHashMap<>(paths.getPathItems()).entrySet()) {
                if (path.getKey().startsWith("/properties") && path.getValue().getOperations() != null) {
                    path.getValue().getOperations().values().forEach(operation -> addIfAbsent(operation.getResponses(),
                            "503", "PostgreSQL cannot be reached and no cached answer can stand in ("
                                    + ProblemType.DATABASE_UNAVAILABLE.uri() + "); see Retry-After"));
                }
                String template = openApiTemplate(path.getKey());
                if (!template.equals(path.getKey())) {
                    paths.removePathItem(path.getKey());
                    paths.addPathItem(template, path.getValue());
                }
            }
        }
        Components components = openAPI.getComponents();
        Schema problem = components == null || components.getSchemas() == null ? null
                : components.getSchemas().get(SCHEMA_NAME);
        Schema type = problem == null || problem.getProperties() == null ? null : problem.getProperties().get("type");
        if (type != null) {
            type.setDescription(typesDescription());
        }
    }

    /** {@code {id: [0-9]{1,18}}} becomes {@code {id}}; the regex may hold braces of its own. */
    static String openApiTemplate(String jaxRsPath) {
        StringBuilder template = new StringBuilder();
        int i = 0;
        while (i < jaxRsPath.length()) {
            char c = jaxRsPath.charAt(i);
            if (c != '{') {
                template.append(c);
                i++;
                continue;
            }
            int depth = 0;
            int end = i;
            do {
                char inner = jaxRsPath.charAt(end);
                depth += inner == '{' ? 1 : inner == '}' ? -1 : 0;
                end++;
            } while (depth > 0 && end < jaxRsPath.length());
            String variable = jaxRsPath.substring(i + 1, end - 1);
            int colon = variable.indexOf(':');
            template.append('{').append((colon < 0 ? variable : variable.substring(0, colon)).trim()).append('}');
            i = end;
        }
        return template.toString();
    }

    private static void addIfAbsent(APIResponses responses, String status, String description) {
        if (responses == null || responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse()
                .description(description)
                .content(OASFactory.createContent()
                        .addMediaType(Problem.MEDIA_TYPE, problem())
                        .addMediaType(jakarta.ws.rs.core.MediaType.APPLICATION_JSON, problem()));
        responses.addAPIResponse(status, response);
    }

    private static org.eclipse.microprofile.openapi.models.media.MediaType problem() {
        return OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA_REF));
    }

    /** The problem types, documented where a client reads the {@code type} member: written once, in the enum. */
    static String typesDescription() {
        StringBuilder types = new StringBuilder("the problem type: about:blank (the status says it all, the title is its "
                + "reason phrase)");
        for (ProblemType type : ProblemType.values()) {
            types.append("; ").append(type.uri()).append(" (").append(type.status().getStatusCode()).append(", ")
                    .append(type.title()).append(')');
        }
        return types.toString();
    }
}
