package io.propertylistings.platform.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Arrays;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Where a problem's {@code type} leads (RFC 9457 3.1.1): what the problem means, for the person who follows it. */
@ApplicationScoped
@Path(ProblemType.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "problems", description = "The error types of this API")
public class ProblemTypesResource {

    @GET
    @Path("{name}")
    @Operation(summary = "What a problem type means: its title, status and a description")
    @APIResponse(responseCode = "200", description = "the type")
    public JsonObject type(@PathParam("name") String name) {
        ProblemType type = Arrays.stream(ProblemType.values())
                .filter(candidate -> candidate.slug().equals(name))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no problem type " + name));
        return Json.createObjectBuilder()
                .add("type", type.uri())
                .add("title", type.title())
                .add("status", type.status().getStatusCode())
                .add("description", type.description())
                .build();
    }
}
