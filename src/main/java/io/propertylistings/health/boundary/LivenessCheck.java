package io.propertylistings.health.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live means the JVM serves this application. PostgreSQL and Redis are left out on purpose: a restart does
 * not bring a database back, and restarting every instance because a shared service is down makes it worse.
 */
@Liveness
@ApplicationScoped
public class LivenessCheck implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("application").up().build();
    }
}
