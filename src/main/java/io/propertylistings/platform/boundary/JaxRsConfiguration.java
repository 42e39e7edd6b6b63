package io.propertylistings.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Property listings", version = "1.0",
        description = "Property listings from PostgreSQL, cached in two levels in Redis. Every error is an RFC 9457 "
                + "problem (application/problem+json, schema Problem); /health/live, /health/ready and /metrics are served by the server's MicroProfile "
                + "Health and Metrics and are not described here."))
// The accounts of security.md, sent with every request that needs them: writes, mine=true, the operations
// endpoints when security.operations.role is set. Named by the operations' @SecurityRequirement.
@SecurityScheme(securitySchemeName = JaxRsConfiguration.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "HTTP Basic with an account of this service (the admin, or one of properties.users)")
public class JaxRsConfiguration extends Application {

    /** The name of the HTTP Basic security scheme in the OpenAPI document. */
    public static final String BASIC = "basic";
}
