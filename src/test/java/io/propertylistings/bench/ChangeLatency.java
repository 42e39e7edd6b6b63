package io.propertylistings.bench;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.Http;
import io.propertylistings.support.PayaraMicroProcess;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How soon a change made in the database without the service shows in reads: {@code bench/change-latency.sh}.
 * Starts PostgreSQL, Redis and 1 or 2 Payara Micro nodes (the built WAR), then commits outside UPDATEs of one
 * property over JDBC, each at a random pause, and times from the commit's return until a read of its detail on
 * every node shows it (each node polled in turn). Idle, and under a 90/10 read/write mix through the API (8
 * clients). Prints p50, p99 and max per setting.
 */
public final class ChangeLatency {

    private static final int CHANGES = Integer.getInteger("changes", 200);
    private static final int MIX_CLIENTS = 8;

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("bench.target", "target"));
        System.setProperty("it.war", target.resolve("property-listings.war").toString());
        System.setProperty("it.serverRuntime", target.resolve("server-runtime").toString());
        Path work = target.resolve("change-latency");
        List<String> results = new ArrayList<>();
        try (BackingServices services = BackingServices.startLocal(work.resolve("services"))) {
            List<PayaraMicroProcess> nodes = new ArrayList<>();
            try {
                for (int node = 1; node <= 2; node++) {
                    nodes.add(PayaraMicroProcess.start(work.resolve("node-" + node), services.environment()));
                    List<Http> clients = nodes.stream().map(n -> new Http(n.application())).toList();
                    long id = created(clients.get(0));
                    results.add(measure(services, clients, id, node + " node(s), idle", false));
                    results.add(measure(services, clients, id, node + " node(s), 90/10 mix", true));
                }
            } finally {
                nodes.forEach(PayaraMicroProcess::close);
            }
        }
        System.out.println();
        System.out.println("Outside UPDATE (JDBC commit returned) until a read of its detail on every node shows it, "
                + CHANGES + " changes each:");
        results.forEach(System.out::println);
    }

    private static String measure(BackingServices services, List<Http> nodes, long id, String setting, boolean mix)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong mixed = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(MIX_CLIENTS);
        if (mix) {
            List<Long> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add(created(nodes.get(0)));
            }
            for (int c = 0; c < MIX_CLIENTS; c++) {
                clients.submit(() -> {
                    while (running.get()) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        Http node = nodes.get(random.nextInt(nodes.size()));
                        long other = others.get(random.nextInt(others.size()));
                        if (random.nextInt(10) == 0) {
                            node.asAdmin().send("PATCH", "properties/" + other, "application/merge-patch+json",
                                    "{\"price\":" + random.nextInt(1, 1000) + "}");
                        } else {
                            node.get(random.nextBoolean() ? "properties/?page=1" : "properties/" + other);
                        }
                        mixed.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        long[] latencies = new long[CHANGES];
        try (Connection connection = services.openDatabase(); Statement statement = connection.createStatement()) {
            for (int change = 0; change < CHANGES; change++) {
                for (Http node : nodes) {
                    node.get("properties/" + id); // cached again before the change
                }
                TimeUnit.MILLISECONDS.sleep(ThreadLocalRandom.current().nextInt(20, 60)); // a random phase
                String price = (1000 + change) + ".00";
                statement.executeUpdate("UPDATE property SET price = " + price + " WHERE id = " + id);
                long committed = System.nanoTime();
                boolean[] shown = new boolean[nodes.size()];
                int left = nodes.size();
                while (left > 0) {
                    for (int node = 0; node < nodes.size(); node++) {
                        if (!shown[node] && price.equals(price(nodes.get(node).get("properties/" + id)))) {
                            shown[node] = true;
                            left--;
                        }
                    }
                }
                latencies[change] = System.nanoTime() - committed;
            }
        } finally {
            running.set(false);
            clients.shutdown();
            clients.awaitTermination(30, TimeUnit.SECONDS);
        }
        java.util.Arrays.sort(latencies);
        return String.format(Locale.ROOT, "  %-24s p50 %5.1f ms, p99 %5.1f ms, max %5.1f ms%s", setting,
                latencies[CHANGES / 2] / 1e6, latencies[(int) Math.ceil(CHANGES * 0.99) - 1] / 1e6,
                latencies[CHANGES - 1] / 1e6, mix ? " (" + mixed.get() + " mix requests)" : "");
    }

    private static long created(Http node) {
        HttpResponse<byte[]> created = node.asAdmin().send("POST", "properties/", "application/json",
                "{\"title\":\"Latency\",\"description\":\"Bench\",\"price\":1,\"location\":\"Bench\"}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("POST answered " + created.statusCode() + ": " + Http.text(created));
        }
        return Http.json(created).getJsonNumber("id").longValue();
    }

    private static String price(HttpResponse<byte[]> detail) {
        JsonObject body = Http.json(detail);
        return body.getString("price");
    }
}
