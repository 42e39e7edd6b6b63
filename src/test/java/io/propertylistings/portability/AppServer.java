package io.propertylistings.portability;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One application server of the portability run: how to install it, start it with the WAR, and reach it. */
public interface AppServer {

    String name();

    /**
     * Installs the server from its distribution and applies what server-config/ says for it; the WAR is
     * deployed as the file it is, never repacked.
     */
    void provision(Path war) throws IOException, InterruptedException;

    /** Starts the server with the WAR; it may still be deploying when this returns. */
    ServerProcess start(Map<String, String> environment) throws IOException;

    /** Where the WAR's root context answers. */
    URI application();

    /** MicroProfile Metrics in Prometheus text; empty where the server has no MicroProfile Metrics. */
    Optional<URI> metrics();

    /** MicroProfile Health readiness. */
    URI readiness();

    /** The format of the console log when this server logs one JSON object a line here; empty when it logs text. */
    default Optional<JsonLogFormat> jsonLog() {
        return Optional.empty();
    }

    /**
     * The lines of {@code console} that the server's logging wrote, in JSON when {@link #jsonLog()} says so: all of
     * them unless something else writes to the same console.
     */
    default List<String> loggedLines(List<String> console) {
        return console;
    }

    /** Why the deployment failed, when the server says so, to stop waiting early. */
    default Optional<String> deploymentFailure() throws IOException {
        return Optional.empty();
    }
}
