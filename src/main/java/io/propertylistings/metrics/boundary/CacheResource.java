package io.propertylistings.metrics.boundary;

import io.propertylistings.metrics.control.CacheHistory;
import io.propertylistings.metrics.control.CacheReports;
import io.propertylistings.metrics.entity.CacheHistoryReport;
import io.propertylistings.metrics.entity.CacheInfoReport;
import io.propertylistings.metrics.entity.CacheMetricsReport;
import io.propertylistings.platform.boundary.Problem;
import io.propertylistings.platform.boundary.ProblemType;
import io.propertylistings.platform.boundary.InvalidRequestException;
import io.propertylistings.platform.boundary.JaxRsConfiguration;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Cache figures for people and scripts. Without Redis: a 503 problem ({@code redis-unavailable}) that carries the
 * same figures as extension members, with {@code error} saying why.
 */
@RequestScoped
@Path("cache")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "cache", description = "What the caches did and what they hold")
// Public, unless security.operations.role is set: then a user in that role.
@SecurityRequirementsSet
@SecurityRequirementsSet(@SecurityRequirement(name = JaxRsConfiguration.BASIC))
public class CacheResource {

    @Inject
    CacheReports reports;

    @Inject
    CacheHistory history;

    @Inject
    Jsonb jsonb;

    @Context
    UriInfo uri;

    @GET
    @Path("metrics")
    @Operation(summary = "Redis keyspace figures with the seed's keys, an assessment, and this service's figures per level")
    @APIResponse(responseCode = "200", description = "all figures",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "CacheMetrics")))
    @APIResponse(responseCode = "503", description = "Redis cannot be reached: a redis-unavailable problem that carries the figures (keyspace figures null, error says why)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "CacheMetrics")))
    public Response metrics() {
        CacheMetricsReport report = reports.metrics();
        return answer(report, report.error());
    }

    @GET
    @Path("info")
    @Operation(summary = "For each level: whether it holds entries, how many, and the TTL left")
    @APIResponse(responseCode = "200", description = "what each level holds",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "CacheInfo")))
    @APIResponse(responseCode = "503", description = "Redis cannot be reached: a redis-unavailable problem that carries the figures (contents null, error says why)",
            content = @Content(mediaType = Problem.MEDIA_TYPE,
                    schema = @Schema(ref = "CacheInfo")))
    public Response info() {
        CacheInfoReport report = reports.info();
        return answer(report, report.error());
    }

    @GET
    @Path("history")
    @Operation(summary = "This node's readings of the last minutes (the dashboard's charts), oldest first",
            description = "One reading every dashboard.reading-interval-ms (5000), the last 180 kept: 15 minutes by "
                    + "default. Taken in the background whether anyone asks or not; a request only copies them. "
                    + "Always 200: a reading while Redis was down says so.")
    @APIResponse(responseCode = "200", description = "the readings",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(ref = "CacheHistory")))
    public CacheHistoryReport history(
            @Parameter(description = "only the readings taken after this time, in milliseconds since the epoch "
                    + "(the time of the last reading the client holds)",
                    schema = @Schema(type = SchemaType.INTEGER, format = "int64", minimum = "0"))
            @QueryParam("since") String since) {
        return history.history(since(since));
    }

    /** The report; without Redis a 503 problem that still carries the report's figures as extension members. */
    private Response answer(Object report, String error) {
        if (error == null) {
            return Response.ok(report).build();
        }
        Problem problem = Problem.of(ProblemType.REDIS_UNAVAILABLE, error).at(uri.getRequestUri().getRawPath());
        return problem.response().entity(problem.extendedWith(report, jsonb)).build();
    }

    private static long since(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        if (!value.matches("[0-9]{1,18}")) {
            throw new InvalidRequestException("the query is not valid",
                    List.of(new Problem.Violation("since", "must be milliseconds since the epoch")));
        }
        return Long.parseLong(value);
    }
}
