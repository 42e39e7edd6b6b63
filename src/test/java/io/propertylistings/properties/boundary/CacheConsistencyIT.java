package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.BuiltWar;
import io.propertylistings.support.Http;
import jakarta.json.JsonObject;
import java.net.URL;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 8 writers and 32 readers for 30 s (it.stress.seconds): after each acknowledged write, every read that
 * starts later must see it, through the response cache, the list cache and the detail view alike.
 */
@ExtendWith(ArquillianExtension.class)
class CacheConsistencyIT {

    private static final int WRITERS = 8;
    private static final int READERS = 32;
    private static final int PROPERTIES_PER_WRITER = 4;

    @Deployment(testable = false)
    static WebArchive war() {
        return BuiltWar.archive();
    }

    @ArquillianResource
    URL base;

    private record Ack(int version, long at) {
    }

    @Test
    void everyReadAfterAnAcknowledgedWriteSeesIt() throws Exception {
        Http http = new Http(base.toURI());
        Http admin = http.asAdmin();
        String location = "Stress-" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        Map<Long, ConcurrentLinkedDeque<Ack>> acks = new ConcurrentHashMap<>();
        for (int i = 0; i < WRITERS * PROPERTIES_PER_WRITER; i++) {
            HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json", draft(location, 0));
            assertEquals(201, created.statusCode(), Http.text(created));
            long id = Http.json(created).getJsonNumber("id").longValue();
            ids.add(id);
            acks.put(id, new ConcurrentLinkedDeque<>(List.of(new Ack(0, System.nanoTime()))));
        }
        Duration duration = Duration.ofSeconds(Long.getLong("it.stress.seconds", 30));
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        List<String> stale = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Long> own = ids.subList(w * PROPERTIES_PER_WRITER, (w + 1) * PROPERTIES_PER_WRITER);
            workers.add(threads.submit(() -> {
                for (int version = 1; System.nanoTime() < deadline; version++) {
                    long id = own.get(version % own.size());
                    HttpResponse<byte[]> answer = admin.send("PUT", "properties/" + id, "application/json",
                            draft(location, version));
                    if (answer.statusCode() == 200) {
                        acks.get(id).add(new Ack(version, System.nanoTime()));
                        writes.incrementAndGet();
                    } else {
                        errors.add("PUT " + answer.statusCode());
                    }
                }
            }));
        }
        for (int r = 0; r < READERS; r++) {
            workers.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    boolean list = ThreadLocalRandom.current().nextBoolean();
                    long one = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    HttpResponse<byte[]> answer = http.get(list
                            ? "properties/?location=" + location + "&size=100"
                            : "properties/" + one);
                    if (answer.statusCode() != 200) {
                        errors.add("GET " + answer.statusCode());
                        continue;
                    }
                    reads.incrementAndGet();
                    JsonObject body = Http.json(answer);
                    List<JsonObject> seen = list
                            ? body.getJsonArray("properties").getValuesAs(JsonObject.class)
                            : List.of(body);
                    for (JsonObject property : seen) {
                        long id = property.getJsonNumber("id").longValue();
                        int version = Integer.parseInt(property.getString("title").substring(1));
                        int required = acks.get(id).stream().filter(ack -> ack.at() < started)
                                .mapToInt(Ack::version).max().orElse(0);
                        if (version < required) {
                            stale.add("property " + id + ": read v" + version + ", v" + required + " was acknowledged"
                                    + " before the read began (" + answer.headers().firstValue("X-Cache").orElse("") + ")");
                        }
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        System.out.printf("Consistency under load: %d writers, %d readers, %d s: %d writes, %d reads, %d stale, %d errors%n",
                WRITERS, READERS, duration.toSeconds(), writes.get(), reads.get(), stale.size(), errors.size());
        assertEquals(List.of(), stale.subList(0, Math.min(stale.size(), 20)), "stale reads");
        assertEquals(List.of(), errors.subList(0, Math.min(errors.size(), 20)), "failed requests");
        assertTrue(writes.get() > WRITERS && reads.get() > READERS, "the load ran");
    }

    private static String draft(String location, int version) {
        return "{\"title\":\"v" + version + "\",\"description\":\"Stress test\",\"price\":" + (100 + version)
                + ",\"location\":\"" + location + "\"}";
    }
}
