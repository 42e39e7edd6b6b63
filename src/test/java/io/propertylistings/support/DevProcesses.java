package io.propertylistings.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./mvnw -Prun} started ({@link DevServer}), stopped together and once: on Ctrl-C (a shutdown hook),
 * when a node ends by itself, or when starting fails half way. The balancer goes first, then every node at once
 * (SIGTERM: each JVM shuts down cleanly), then PostgreSQL and Redis, which the nodes use until they are gone.
 */
final class DevProcesses {

    private final BackingServices services;
    private final List<Process> nodes = new ArrayList<>();
    private Nginx balancer;
    private boolean stopped;

    DevProcesses(BackingServices services) {
        this.services = services;
    }

    synchronized void node(Process node) {
        nodes.add(node);
        if (stopped) {
            node.destroy(); // started while Ctrl-C was stopping the rest
        }
    }

    synchronized List<Process> nodes() {
        return List.copyOf(nodes);
    }

    synchronized void balancer(Nginx balancer) {
        this.balancer = balancer;
        if (stopped) {
            balancer.close();
        }
    }

    /** Until one node ends: by Ctrl-C, or on its own, when the others are no use to the demo either. */
    void awaitAnyExit() {
        List<Process> running = nodes();
        CompletableFuture.anyOf(running.stream().map(Process::onExit).toArray(CompletableFuture[]::new)).join();
        for (int node = 0; node < running.size(); node++) {
            if (!running.get(node).isAlive() && !isStopped()) {
                System.out.println("Node " + (node + 1) + " exited with " + running.get(node).exitValue()
                        + "; stopping everything.");
            }
        }
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            if (balancer != null) {
                balancer.close();
            }
            nodes.forEach(Process::destroy);
            for (Process node : nodes) {
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
            services.close();
        } catch (IOException e) {
            System.err.println("Could not stop cleanly: " + e);
        } catch (InterruptedException e) {
            nodes.forEach(Process::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }
}
