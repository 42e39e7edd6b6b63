package io.propertylistings.changes.boundary;

import io.propertylistings.caching.GenerationTrust;
import io.propertylistings.changes.control.ChangeChannel;
import io.propertylistings.changes.entity.CommittedChange;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Hears every change committed to {@code property}, whoever made it, and fires a {@link CommittedChange} for
 * each, on a managed thread of its own that lives as long as the deployment. Every {@code database.changes.
 * heartbeat-ms} it asks PostgreSQL for what was committed before (one round trip, {@link ChangeChannel#sync}),
 * and once the observers have acted on it, lets the cache be read for {@code database.changes.max-lag-ms} from
 * that moment ({@link GenerationTrust#changesHeardUntil}): a node that stops hearing (a lost connection, a
 * PostgreSQL restart or failover, a stalled thread) stops reading the cache within that bound. After a gap it
 * listens again first, then doubts the cache, so the eviction that settles the doubt covers every change it
 * may have missed. It tries again after {@code database.changes.retry-ms}, doubling up to 2 s while it fails.
 */
@ApplicationScoped
public class ChangeListening {

    private static final Logger LOG = Logger.getLogger(ChangeListening.class.getName());
    private static final long MAX_RETRY_MILLIS = 2_000;

    @Inject
    @ConfigProperty(name = "database.changes.listen", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "database.changes.heartbeat-ms", defaultValue = "50")
    int heartbeatMillis;

    @Inject
    @ConfigProperty(name = "database.changes.max-lag-ms", defaultValue = "250")
    long maxLagMillis;

    @Inject
    @ConfigProperty(name = "database.changes.retry-ms", defaultValue = "250")
    long retryMillis;

    @Resource(lookup = "jdbc/properties")
    DataSource dataSource;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    GenerationTrust trust;

    @Inject
    Event<CommittedChange> changes;

    private volatile boolean running;
    private Thread listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object deployed) {
        if (!enabled) {
            LOG.warning("database.changes.listen=false: changes made in the database without this service are not"
                    + " seen by the cache until its entries expire");
            return;
        }
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("database-change-listener");
        listener.start();
    }

    private void listen() {
        boolean lost = false;
        long pause = retryMillis;
        while (running) {
            try (ChangeChannel channel = ChangeChannel.listen(dataSource.getConnection(), networkTimeoutMillis())) {
                // Listening from here on: an eviction after this doubt covers whatever was committed unheard.
                trust.doubt(lost ? "Listening to database changes again" : "Listening to database changes");
                lost = false;
                pause = retryMillis;
                while (running) {
                    long asked = System.nanoTime();
                    publish(channel.sync());
                    trust.changesHeardUntil(asked + TimeUnit.MILLISECONDS.toNanos(maxLagMillis));
                    publish(channel.await(heartbeatMillis));
                }
            } catch (Exception | LinkageError e) {
                // LinkageError: the server does not let the application see its PostgreSQL driver (server-config/).
                if (running) {
                    if (!lost) {
                        LOG.log(Level.WARNING, "Cannot hear database changes: {0}", new Object[] {e.toString(),
                                Map.of("event", "change-listener-lost", "error", e.toString())});
                        trust.deafToChanges("Database change listener lost (" + e.getClass().getSimpleName() + ")");
                    }
                    lost = true;
                    pause(pause);
                    // Each attempt costs the server's pool a few log lines while the database is down.
                    pause = Math.min(2 * pause, MAX_RETRY_MILLIS);
                }
            }
        }
    }

    private void publish(List<String> payloads) {
        for (String transaction : payloads) {
            changes.fire(CommittedChange.parse(transaction));
        }
    }

    private int networkTimeoutMillis() {
        return (int) Math.max(1_000, 4 * maxLagMillis);
    }

    private void pause(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @PreDestroy
    void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(TimeUnit.SECONDS.toMillis(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
