package io.propertylistings.health.boundary;

import io.propertylistings.health.control.DatabaseProbe;
import io.propertylistings.health.control.LatestOutcome;
import io.propertylistings.health.control.ProbeOutcome;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** PostgreSQL is the source of truth: without it no list can be loaded and no write kept, so not ready. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    @Inject
    DatabaseProbe database;

    @Inject
    @ConfigProperty(name = "health.timeout-ms")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "health.cache-ms")
    long cacheMillis;

    private LatestOutcome latest;

    /** Created at start-up: the health endpoint's thread may not see this application's configuration. */
    void created(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing to do: observing makes the container create the bean now
    }

    @PostConstruct
    void share() {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        latest = new LatestOutcome(() -> database.probe(timeout), Duration.ofMillis(cacheMillis), timeout);
    }

    @Override
    public HealthCheckResponse call() {
        ProbeOutcome outcome = latest.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("database")
                .status(outcome.up())
                .withData("datasource", "jdbc/properties")
                .withData("response_ms", outcome.millis());
        outcome.failure().ifPresent(failure -> response.withData("error", failure));
        return response.build();
    }
}
