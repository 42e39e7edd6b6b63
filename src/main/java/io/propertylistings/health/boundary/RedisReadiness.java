package io.propertylistings.health.boundary;

import io.propertylistings.health.control.LatestOutcome;
import io.propertylistings.health.control.ProbeOutcome;
import io.propertylistings.health.control.RedisProbe;
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

/**
 * Redis is an accelerator, not a source of truth: without it every read is answered from PostgreSQL, slower
 * but correct. So by default this check stays UP and reports the degradation in its data ({@code redis: DOWN},
 * {@code degraded: true}); DOWN would take every instance that shares this Redis out of service at once, for
 * a failure they all survive. {@code health.redis.required=true} makes it DOWN for deployments that prefer that.
 */
@Readiness
@ApplicationScoped
public class RedisReadiness implements HealthCheck {

    @Inject
    RedisProbe redis;

    @Inject
    @ConfigProperty(name = "health.timeout-ms")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "health.cache-ms")
    long cacheMillis;

    private LatestOutcome latest;

    @Inject
    @ConfigProperty(name = "health.redis.required")
    boolean required;

    /** Created at start-up: the health endpoint's thread may not see this application's configuration. */
    void created(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // nothing to do: observing makes the container create the bean now
    }

    @PostConstruct
    void share() {
        Duration timeout = Duration.ofMillis(timeoutMillis);
        latest = new LatestOutcome(() -> redis.probe(timeout), Duration.ofMillis(cacheMillis), timeout);
    }

    @Override
    public HealthCheckResponse call() {
        ProbeOutcome outcome = latest.get();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("redis")
                .status(outcome.up() || !required)
                .withData("redis", outcome.up() ? "UP" : "DOWN")
                .withData("degraded", !outcome.up())
                .withData("response_ms", outcome.millis());
        if (!outcome.up()) {
            response.withData("serving", "reads from PostgreSQL without cache");
        }
        outcome.failure().ifPresent(failure -> response.withData("error", failure));
        return response.build();
    }
}
