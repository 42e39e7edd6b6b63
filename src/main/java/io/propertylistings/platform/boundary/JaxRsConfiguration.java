package io.propertylistings.platform.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Property listings", version = "1.0",
        description = "Property listings from PostgreSQL, cached in two levels in Redis. Every error is an RFC 9457 "
                + "problem (application/problem+json, schema Problem); /health/live, /health/ready and /metrics are served by the server's MicroProfile "
                + "Health and Metrics and are not described here."))
public class JaxRsConfiguration extends Application {
}
