package io.propertylistings.bench;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.support.CacheKeys;
import io.propertylistings.support.Http;
import io.propertylistings.support.LocalRedis;
import io.propertylistings.support.PayaraJvmOptions;
import io.propertylistings.support.Resp;
import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The benchmark suite behind {@code ./bench/run.sh}: starts PostgreSQL, Redis and Payara Micro (the service and
 * the benchmark-only ceiling WAR), seeds 1,000, 10,000 and 100,000 properties, measures with wrk and with its own
 * JDK HttpClient, writes BENCHMARKS.md and the README's headline figures, and stops everything it started.
 */
public final class BenchmarkSuite {

    private static final String GZIP = "Accept-Encoding: gzip";
    private static final int CONNECTIONS = 32;
    private static final String LIST_FILE = "list.json";
    private static final String DETAIL_FILE = "detail.json";
    private static final int STAMPEDE = 100;

    /** How long and how often; {@code --quick} is a smoke run of the same steps. */
    record Settings(boolean quick, int loadSeconds, int warmupSeconds, int repeats, int singleSamples,
            int largeSamples, int pages) {
        static Settings of(boolean quick) {
            return quick ? new Settings(true, 2, 1, 1, 3, 1, 20) : new Settings(false, 8, 4, 3, 11, 3, 100);
        }
    }

    private final Settings settings;
    private final Path work;
    private final Report report;
    private final Map<String, Wrk.Result> wrkMedians = new LinkedHashMap<>();
    private BenchServer server;
    private ServiceClient client;
    private Resp redis;
    private Wrk wrk;
    private Optional<NginxCeiling> nginx = Optional.empty();
    private boolean profiled;

    private BenchmarkSuite(Settings settings, Path work, Report report) {
        this.settings = settings;
        this.work = work;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("bench.target", "target")).toAbsolutePath();
        Settings settings = Settings.of(Boolean.getBoolean("bench.quick"));
        Path work = target.resolve("bench");
        deleteRecursively(work.resolve("postgres"));
        deleteRecursively(work.resolve("payara-root"));
        Files.createDirectories(work);
        Files.deleteIfExists(work.resolve("wrk.log"));
        Report report = new Report(settings, System.getProperty("bench.command", "./bench/run.sh"));
        Instant started = Instant.now();
        report.loadAtStart = loadAverage();
        BenchmarkSuite suite = new BenchmarkSuite(settings, work, report);
        try {
            suite.run(target);
        } finally {
            suite.stop();
        }
        if (suite.profiled) {
            return;
        }
        report.gc = suite.gcLog();
        report.loadAtEnd = loadAverage();
        report.duration = Duration.between(started, Instant.now()).truncatedTo(ChronoUnit.SECONDS);
        report.finishedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Path benchmarks = Path.of(System.getProperty("bench.output", "BENCHMARKS.md"));
        Files.writeString(benchmarks, report.markdown(Files.readString(Path.of("bench", "NOTES.md"))));
        Path readme = Path.of(System.getProperty("bench.readme", "README.md"));
        if (Files.exists(readme)) {
            Files.writeString(readme, report.withHeadline(Files.readString(readme)));
        }
        System.out.println(report.summary());
        System.out.println("Wrote " + benchmarks.toAbsolutePath() + " in " + report.duration);
    }

    private void run(Path target) throws Exception {
        log("starting PostgreSQL, Redis and Payara Micro");
        server = BenchServer.start(target, work);
        report.startup = server.startup;
        log("Payara Micro answered 200 " + server.startup.toMillis() + " ms after its launch");
        if (System.getProperty("bench.profile", "").equals("startup")) { // -Dbench.profile=startup: only that
            profiled = true;
            return;
        }
        client = new ServiceClient(server.base, BenchServer.ADMIN, server.adminPassword);
        redis = Resp.connect(server.services.redisAddress());
        wrk = new Wrk(2, CONNECTIONS, work);
        Matcher uptime = Pattern.compile("([0-9.]+) s").matcher(jcmd("VM.uptime"));
        if (!uptime.find()) {
            throw new IllegalStateException("jcmd VM.uptime gave no figure");
        }
        jvmStartMillis = System.currentTimeMillis() - Math.round(Double.parseDouble(uptime.group(1)) * 1000);
        machine(target);
        report.memoryAtStart = heapAndRss();

        seed(1_000);
        byte[] identity = ServiceClient.expect(client.get("properties/", false), 200).response().body();
        byte[] gzip = ServiceClient.expect(client.get("properties/", true), 200).response().body();
        report.bodyAt1k = new long[] {identity.length, gzip.length};
        client.put("ceiling/body?coding=identity", identity);
        client.put("ceiling/body?coding=gzip", gzip);
        if (!java.util.Arrays.equals(client.get("ceiling/", false).response().body(), identity)) {
            throw new IllegalStateException("the ceiling does not answer the service's bytes");
        }
        client.put("ceiling/redis?port=" + URI.create(server.services.redisAddress()).getPort(), new byte[0]);
        nginx = NginxCeiling.start(work);
        if (nginx.isPresent()) {
            nginx.get().put(LIST_FILE, identity, gzip);
            nginx.get().put(DETAIL_FILE, ServiceClient.expect(client.get("properties/1", false), 200).response().body(),
                    new byte[0]);
        } else {
            log("nginx is not installed (Debian: apt-get install nginx): no physical ceiling in this run");
        }
        String profile = System.getProperty("bench.profile", "");
        if (!profile.isEmpty()) {
            profile(profile);
            return;
        }
        ceilingAndHit();
        smallBody();
        coldWarm(1_000, settings.singleSamples());
        writes();

        seed(10_000);
        coldWarm(10_000, settings.singleSamples());
        stampede();
        redisBytes();
        redisDown();
        log("memory after the 10,000-row runs");
        report.memoryAt10k = heapAndRss();
        // After the memory reading, which earlier runs took without it: its details fill the near cache.
        catalog();

        seed(100_000);
        coldWarm(100_000, settings.largeSamples());
        pages();
        memory();
        // Last: JFR's buffers and classes stay in the server's memory once it has recorded.
        profileHit();
    }

    private long jvmStartMillis;

    /** The GC log, with the load runs as the server JVM's uptime. */
    private GcLog gcLog() throws IOException {
        List<double[]> loads = wrk.runs.stream()
                .map(run -> new double[] {(run[0] - jvmStartMillis) / 1000.0, (run[1] - jvmStartMillis) / 1000.0})
                .toList();
        return GcLog.read(work.resolve(BenchServer.GC_LOG), loads);
    }

    private void machine(Path target) throws IOException, SQLException {
        report.machine.put("CPU", cpuModel() + ", " + Runtime.getRuntime().availableProcessors() + " cores");
        report.machine.put("memory", memTotal());
        report.machine.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        report.machine.put("JDK (harness and server)", System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version"));
        report.machine.put("Payara Micro", System.getProperty("bench.payaraVersion", "?") + ", `"
                + String.join(" ", PayaraJvmOptions.read()) + "` (server-config/payara/jvm.options), "
                + "`--nohazelcast`, HTTP worker threads and datasource pool as server-config/payara sets them, cache warming off "
                + "(`CACHING_WARM_ENABLED=false`)");
        report.machine.put("Redis", redis.text("INFO", "server").lines().filter(line -> line.startsWith("redis_version:"))
                .findFirst().orElse("?").replace("redis_version:", "") + " (embedded-redis, loopback, no persistence)");
        try (Connection connection = server.services.openDatabase(); Statement statement = connection.createStatement();
                ResultSet version = statement.executeQuery("SHOW server_version")) {
            version.next();
            report.machine.put("PostgreSQL", version.getString(1) + " (zonky binaries, fsync off as in the tests)");
        }
        report.machine.put("load generator", Wrk.version() + ", 2 threads, " + CONNECTIONS
                + " connections; JDK HttpClient (HTTP/1.1) for single requests, the stampede and write pairs");
        report.machine.put("WAR", target.resolve("property-listings.war").getFileName() + " of this build");
    }

    // --- 1 and 2: the ceiling and the cache hit at 1,000 rows ---

    private void ceilingAndHit() throws IOException, InterruptedException {
        log("ceiling and cache hit at 1,000 rows");
        // Interleaved, so that a burst of load from elsewhere on the machine hits both alike.
        List<String> order = new ArrayList<>(List.of("ceiling-gzip", "hit-gzip", "ceiling-identity", "hit-identity",
                "servlet-gzip", "servlet-identity", "redis-gzip"));
        if (nginx.isPresent()) {
            order.addAll(List.of("nginx-gzip", "nginx-identity"));
        }
        Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
        // The JIT of a server this size keeps compiling for a minute or more (longer while other processes take
        // the CPU): each load is warmed up until its figures settle, twice in turn, before the measured rounds.
        for (int round = 0; round < 2; round++) {
            for (String name : order) {
                runs.put(name, new ArrayList<>());
                settle(name);
            }
        }
        for (int i = 0; i < settings.repeats(); i++) {
            for (String name : order) {
                runs.get(name).add(load(name));
            }
        }
        runs.forEach((name, results) -> wrkMedians.put(name, median(results)));
        report.hitRuns = runs;
        for (String name : order) {
            report.commands.putIfAbsent(name, wrk.commandLine(url(name), settings.loadSeconds(), headers(name),
                    Optional.empty()));
        }
        report.hit = wrkMedians;
    }

    /**
     * {@code -Dbench.profile=hit-gzip} (or {@code hit-identity}, {@code hit-small} for the detail): only that load
     * and its ceiling at 1,000 rows, then 20 s of the load under JFR;
     * the recording is left in target/bench/&lt;name&gt;.jfr. Writes no report.
     */
    private void profile(String name) throws IOException, InterruptedException, SQLException {
        if (name.equals("cold")) {
            profileCold();
            return;
        }
        String ceiling = name.replace("hit", "ceiling");
        if (name.endsWith("small")) {
            client.put("ceiling/body?coding=identity",
                    ServiceClient.expect(client.get("properties/1", false), 200).response().body());
        }
        warmup(ceiling);
        warmup(name);
        for (int i = 0; i < 2; i++) {
            load(ceiling);
            load(name);
        }
        Path recording = work.resolve(name + ".jfr");
        jcmd("JFR.start", "name=bench", "settings=profile");
        wrk.run(url(name), 20, headers(name), Optional.empty());
        jcmd("JFR.stop", "name=bench", "filename=" + recording);
        log("JFR recording: " + recording);
        long[] memory = heapAndRss();
        log("heap used " + memory[0] / 1024 + " MiB, RSS " + memory[2] / 1024 + " MiB, peak " + memory[3] / 1024 + " MiB");
        profiled = true;
    }

    /**
     * {@code -Dbench.profile=cold}: cold {@code GET /properties/} at 10,000 rows, one after the other (both levels
     * evicted before each), 100 unmeasured, then 20 s under JFR; the median time of those is logged.
     */
    private void profileCold() throws IOException, InterruptedException, SQLException {
        int rows = Integer.getInteger("bench.rows", 10_000);
        boolean gzip = !Boolean.getBoolean("bench.identity");
        seed(rows);
        for (int i = 0; i < 100; i++) {
            evictAll();
            ServiceClient.expect(client.get("properties/", gzip), 200, "MISS");
        }
        List<Double> database = new ArrayList<>();
        try (Connection connection = server.services.openDatabase()) {
            for (int i = 0; i < 100; i++) {
                long started = System.nanoTime();
                databaseCeiling(connection);
                database.add((System.nanoTime() - started) / 1e6);
            }
        }
        Path recording = work.resolve("cold.jfr");
        jcmd("JFR.start", "name=bench", "settings=profile");
        List<Double> millis = new ArrayList<>();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < until) {
            evictAll();
            millis.add(ServiceClient.expect(client.get("properties/", gzip), 200, "MISS").millis());
        }
        jcmd("JFR.stop", "name=bench", "filename=" + recording);
        log(String.format(Locale.ROOT, "JFR recording: %s; %d cold requests at %d rows (%s), median %.2f ms; database "
                + "ceiling median %.2f ms", recording, millis.size(), rows, gzip ? "gzip" : "identity",
                Samples.median(millis), Samples.median(database.subList(50, 100))));
        profiled = true;
    }

    /** A JFR recording of the Payara JVM during one more detail-hit load (a small hit), sorted into categories. */
    private void profileHit() throws IOException, InterruptedException {
        log("profiling a detail-hit load with JFR");
        Path recording = work.resolve("hit-profile.jfr");
        jcmd("JFR.start", "name=hit-profile", "settings=profile");
        Wrk.Result result = load("hit-small");
        jcmd("JFR.stop", "name=hit-profile", "filename=" + recording);
        report.profile = HitProfile.of(recording);
        report.profileLoad = result;
    }

    private URI url(String name) {
        if (name.startsWith("ceiling")) {
            return server.base.resolve("ceiling/");
        }
        if (name.startsWith("servlet")) {
            return server.base.resolve("ceiling/raw");
        }
        if (name.startsWith("redis")) {
            return server.base.resolve("ceiling/redis");
        }
        if (name.startsWith("nginx")) {
            return nginx.orElseThrow().url(name.endsWith("small") ? DETAIL_FILE : LIST_FILE);
        }
        return server.base.resolve(name.endsWith("small") ? "properties/1" : "properties/");
    }

    private static List<String> headers(String name) {
        return name.endsWith("gzip") ? List.of(GZIP) : List.of();
    }

    /**
     * Warm-up runs of the load until two in a row cost the same CPU per request within 10 % (at most 6): a round
     * counts only once the JIT has settled.
     */
    private void settle(String name) throws IOException, InterruptedException {
        double previous = Double.NaN;
        for (int run = 1; run <= (settings.quick() ? 1 : 6); run++) {
            Wrk.Result warm = measuredFor(url(name), settings.warmupSeconds(), headers(name), Optional.empty());
            double cpu = warm.cpuMicrosPerRequest();
            if (Math.abs(cpu - previous) <= 0.1 * previous) {
                log(String.format(Locale.ROOT, "  %-18s settled after %d warm-up runs (%.0f µs/request)", name, run, cpu));
                return;
            }
            previous = cpu;
        }
        log(String.format(Locale.ROOT, "  %-18s warm-up did not settle (%.0f µs/request last)", name, previous));
    }

    private void warmup(String name) throws IOException, InterruptedException {
        wrk.run(url(name), settings.warmupSeconds(), headers(name), Optional.empty());
    }

    private Wrk.Result load(String name) throws IOException, InterruptedException {
        return checked(name, measured(url(name), headers(name), Optional.empty()));
    }

    /**
     * A wrk run with the CPU time the server's JVM (/proc/&lt;pid&gt;/stat) and Redis ({@code INFO cpu}) spent on
     * it, per request: unlike requests per second, hardly moved by what else runs on the machine.
     */
    private Wrk.Result measured(URI url, List<String> headers, Optional<Path> script)
            throws IOException, InterruptedException {
        return measuredFor(url, settings.loadSeconds(), headers, script);
    }

    private Wrk.Result measuredFor(URI url, int seconds, List<String> headers, Optional<Path> script)
            throws IOException, InterruptedException {
        double before = cpuMillis(url);
        Wrk.Result result = wrk.run(url, seconds, headers, script);
        double after = cpuMillis(url);
        return result.withCpu(result.requests() == 0 ? Double.NaN : (after - before) * 1000.0 / result.requests());
    }

    /** The CPU time of what answers {@code url}: nginx, or the server's JVM and Redis. */
    private double cpuMillis(URI url) throws IOException {
        if (nginx.isPresent() && url.getPort() == nginx.get().url("").getPort()) {
            return nginx.get().cpuMillis();
        }
        return serverCpuMillis() + redisCpuMillis();
    }

    private double serverCpuMillis() throws IOException {
        return Processes.cpuMillis(server.pid());
    }

    private double redisCpuMillis() throws IOException {
        double seconds = 0;
        for (String line : redis.text("INFO", "cpu").split("\r?\n")) {
            if (line.startsWith("used_cpu_sys:") || line.startsWith("used_cpu_user:")) {
                seconds += Double.parseDouble(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return seconds * 1000.0;
    }

    private static Wrk.Result median(List<Wrk.Result> results) {
        return new Wrk.Result(Samples.median(values(results, Wrk.Result::requestsPerSecond)),
                Samples.median(values(results, Wrk.Result::p50Millis)),
                Samples.median(values(results, Wrk.Result::p99Millis)),
                results.stream().mapToLong(Wrk.Result::requests).sum(), 0,
                Samples.median(values(results, Wrk.Result::cpuMicrosPerRequest)));
    }

    private static List<Double> values(List<Wrk.Result> results, Function<Wrk.Result, Double> figure) {
        return results.stream().map(figure).toList();
    }

    /**
     * What a hit costs beyond writing bytes: a one-property detail view (a few hundred bytes) against the ceiling
     * answering the same bytes, where the per-request work (key, Redis round trip) is most of the time.
     */
    private void smallBody() throws IOException, InterruptedException {
        log("small body: detail hit against the ceilings with the same bytes");
        byte[] detail = ServiceClient.expect(client.get("properties/1", false), 200).response().body();
        client.get("properties/1", false);
        client.put("ceiling/body?coding=identity", detail);
        List<String> order = new ArrayList<>(List.of("ceiling-small", "hit-small", "servlet-small", "redis-small"));
        if (nginx.isPresent()) {
            order.add("nginx-small");
        }
        Map<String, List<Wrk.Result>> runs = new LinkedHashMap<>();
        // The detail's resource method has not run under load yet: warm both until settled, as in section 1.
        for (int round = 0; round < 2; round++) {
            for (String name : order) {
                runs.put(name, new ArrayList<>());
                settle(name);
            }
        }
        for (int i = 0; i < settings.repeats(); i++) {
            for (String name : order) {
                runs.get(name).add(load(name));
            }
        }
        Map<String, Wrk.Result> medians = new LinkedHashMap<>();
        runs.forEach((name, results) -> medians.put(name.replace("-small", ""), median(results)));
        report.small = medians;
        report.smallBytes = detail.length;
        for (String name : order) {
            report.commands.put(name, wrk.commandLine(url(name), settings.loadSeconds(), List.of(), Optional.empty()));
        }
        report.redisRoundTripMicros = redisRoundTrip();
        client.put("ceiling/body?coding=identity",
                ServiceClient.expect(client.get("properties/", false), 200).response().body());
    }

    private Wrk.Result checked(String name, Wrk.Result result) {
        log(String.format(Locale.ROOT, "  %-18s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  CPU %6.0f µs/request", name,
                result.requestsPerSecond(), result.p50Millis(), result.p99Millis(), result.cpuMicrosPerRequest()));
        if (result.errors() > 0) {
            throw new IllegalStateException(name + ": " + result.errors() + " failed or non-2xx/3xx responses");
        }
        return result;
    }

    /** One Redis round trip from another process on this machine, median of 2,000 (a GET of the generation). */
    private double redisRoundTrip() throws IOException {
        List<Double> micros = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            long started = System.nanoTime();
            redis.send("GET", CacheEntry.GENERATION_KEY);
            micros.add((System.nanoTime() - started) / 1e3);
        }
        return Samples.median(micros.subList(500, micros.size()));
    }

    // --- 3: cold, list cached, response cached ---

    private void coldWarm(int rows, int samples) throws IOException, InterruptedException, SQLException {
        log("cold / list cached / response cached / database ceiling at " + rows + " rows");
        drain();
        List<Double> cold = new ArrayList<>();
        List<Double> list = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> warmIdentity = new ArrayList<>();
        List<Double> database = new ArrayList<>();
        List<Double> coldIdentity = new ArrayList<>();
        Map<String, Integer> listOutcomes = new LinkedHashMap<>();
        try (Connection connection = server.services.openDatabase()) {
            for (int i = 0; i < samples + 1; i++) {
                evictAll();
                ServiceClient.Level listBefore = client.level("list");
                ServiceClient.Timed c = ServiceClient.expect(client.get("properties/", true), 200, "MISS");
                ServiceClient.Level coldDelta = client.level("list").minus(listBefore);
                if (coldDelta.loads() != 1) {
                    throw new IllegalStateException("a cold request did not load the list from the database: " + coldDelta);
                }
                evictResponses();
                listBefore = client.level("list");
                ServiceClient.Timed l = ServiceClient.expect(client.get("properties/", true), 200, "MISS");
                ServiceClient.Level listDelta = client.level("list").minus(listBefore);
                // A list too large to read within redis.timeout-ms is a Redis error, and the list comes from the database.
                listOutcomes.merge(listDelta.hits() == 1 && listDelta.loads() == 0 ? "hit"
                        : listDelta.errors() > 0 ? "Redis timeout, then the database" : "not a hit: " + listDelta, 1, Integer::sum);
                ServiceClient.Timed w = ServiceClient.expect(client.get("properties/", true), 200, "HIT");
                ServiceClient.Timed wi = ServiceClient.expect(client.get("properties/", false), 200, "HIT");
                evictAll();
                ServiceClient.Timed ci = ServiceClient.expect(client.get("properties/", false), 200, "MISS");
                long started = System.nanoTime();
                byte[] ceiling = databaseCeiling(connection);
                double ceilingMillis = (System.nanoTime() - started) / 1e6;
                if (i == 0 && !java.util.Arrays.equals(ceiling, wi.response().body())) {
                    throw new IllegalStateException("the database ceiling does not make the service's bytes");
                }
                if (i > 0) { // the first round warms the JIT of both processes
                    cold.add(c.millis());
                    list.add(l.millis());
                    warm.add(w.millis());
                    warmIdentity.add(wi.millis());
                    database.add(ceilingMillis);
                    coldIdentity.add(ci.millis());
                }
            }
        }
        report.coldWarm.put(rows, new double[] {Samples.median(cold), Samples.median(list), Samples.median(warm),
                Samples.median(warmIdentity), Samples.median(database), Samples.median(coldIdentity)});
        report.listOutcomes.put(rows, listOutcomes.toString().replaceAll("[{}]", "").replace("=", ": "));
        log(String.format(Locale.ROOT, "  cold %.2f ms (identity %.2f ms), list cached %.2f ms, response cached %.3f ms "
                + "(identity %.3f ms), database ceiling %.2f ms", Samples.median(cold), Samples.median(coldIdentity),
                Samples.median(list), Samples.median(warm), Samples.median(warmIdentity), Samples.median(database)));
    }

    /**
     * The database ceiling: the same rows read with plain JDBC, in this JVM over loopback, into one byte array of
     * the list's JSON (the same bytes as the service's body, which the first round checks). What a cold request
     * cannot beat: it has the same query and the same JSON to make, and the cache's work on top.
     */
    private static byte[] databaseCeiling(Connection connection) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);
        int count = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT id, title, description, price, location, created_at FROM property ORDER BY id");
                JsonGenerator json = Json.createGenerator(out)) {
            json.writeStartObject().writeStartArray("properties");
            while (rows.next()) {
                json.writeStartObject()
                        .write("id", rows.getLong(1))
                        .write("title", rows.getString(2))
                        .write("description", rows.getString(3))
                        .write("price", rows.getBigDecimal(4).setScale(2, RoundingMode.HALF_EVEN).toPlainString())
                        .write("location", rows.getString(5))
                        .write("created_at", DateTimeFormatter.ISO_INSTANT.format(rows.getObject(6, OffsetDateTime.class).toInstant()))
                        .writeEnd();
                count++;
            }
            json.writeEnd().write("count", count).writeEnd();
        }
        return out.toByteArray();
    }

    /** What a write's eviction does (see GenerationScripts's ADVANCE), without changing the data. */
    private void evictAll() throws IOException {
        redis.send("INCR", CacheEntry.GENERATION_KEY);
    }

    /**
     * Leaves the list level cached and the response level not, as a response entry that expired before the
     * list's would: a new generation (which the server's near copy of the response does not match) that holds a
     * copy of the list entry and nothing else.
     */
    private void evictResponses() throws IOException {
        String generation = redis.text("GET", CacheEntry.GENERATION_KEY);
        long next = redis.number("INCR", CacheEntry.GENERATION_KEY);
        redis.send("COPY", CacheKeys.listKey(generation), CacheKeys.listKey(Long.toString(next)));
    }

    // --- 5: stampede ---

    private void stampede() throws Exception {
        log("stampede: " + STAMPEDE + " concurrent cold requests at 10,000 rows");
        ExecutorService threads = Executors.newFixedThreadPool(STAMPEDE);
        try {
            List<long[]> loads = new ArrayList<>();
            List<Double> p99s = new ArrayList<>();
            List<Double> p50s = new ArrayList<>();
            for (int round = 0; round < settings.repeats(); round++) {
                // Opens the connections first, so the stampede measures the service, not TCP handshakes.
                concurrently(threads, () -> ServiceClient.expect(client.get("ceiling/raw", true), 200));
                evictAll();
                ServiceClient.Level responseBefore = client.level("response");
                ServiceClient.Level listBefore = client.level("list");
                List<ServiceClient.Timed> answers = concurrently(threads,
                        () -> ServiceClient.expect(client.get("properties/", true), 200));
                long responseLoads = client.level("response").minus(responseBefore).loads();
                long listLoads = client.level("list").minus(listBefore).loads();
                List<Double> millis = answers.stream().map(ServiceClient.Timed::millis).toList();
                loads.add(new long[] {responseLoads, listLoads});
                p50s.add(Samples.median(millis));
                p99s.add(Samples.percentile(millis, 99));
                log(String.format(Locale.ROOT, "  response loads %d, list loads %d, p50 %.1f ms, p99 %.1f ms",
                        responseLoads, listLoads, Samples.median(millis), Samples.percentile(millis, 99)));
            }
            report.stampedeLoads = loads;
            report.stampede = new double[] {Samples.median(p50s), Samples.median(p99s)};
        } finally {
            threads.shutdownNow();
        }
    }

    private interface Call {
        ServiceClient.Timed call() throws Exception;
    }

    private static List<ServiceClient.Timed> concurrently(ExecutorService threads, Call call) throws Exception {
        CountDownLatch ready = new CountDownLatch(STAMPEDE);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ServiceClient.Timed>> futures = new ArrayList<>();
        for (int i = 0; i < STAMPEDE; i++) {
            futures.add(threads.submit(() -> {
                ready.countDown();
                go.await();
                return call.call();
            }));
        }
        if (!ready.await(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the stampede's threads did not start");
        }
        go.countDown();
        List<ServiceClient.Timed> answers = new ArrayList<>();
        for (Future<ServiceClient.Timed> future : futures) {
            answers.add(future.get(120, TimeUnit.SECONDS));
        }
        return answers;
    }

    // --- 6: writes ---

    private void writes() throws IOException, InterruptedException {
        log("writes at ~1,000 rows: POST + the GET that follows, then a 90/10 read/write mix");
        List<Double> pairRates = new ArrayList<>();
        List<Double> postMillis = new ArrayList<>();
        List<Double> getMillis = new ArrayList<>();
        client.get("properties/", true);
        for (int round = 0; round < settings.repeats(); round++) {
            long started = System.nanoTime();
            long deadline = started + TimeUnit.SECONDS.toNanos(settings.loadSeconds());
            int pairs = 0;
            while (System.nanoTime() < deadline) {
                ServiceClient.Timed post = ServiceClient.expect(client.post("properties/", writeBody(pairs)), 201);
                ServiceClient.Timed get = ServiceClient.expect(client.get("properties/", true), 200, "MISS");
                postMillis.add(post.millis());
                getMillis.add(get.millis());
                pairs++;
            }
            pairRates.add(pairs / ((System.nanoTime() - started) / 1e9));
        }
        report.writePairs = new double[] {Samples.median(pairRates), Samples.median(postMillis),
                Samples.percentile(postMillis, 99), Samples.median(getMillis), Samples.percentile(getMillis, 99)};
        log(String.format(Locale.ROOT, "  %.1f pairs/s, POST p50 %.2f ms, GET after POST p50 %.2f ms",
                report.writePairs[0], report.writePairs[1], report.writePairs[3]));

        Path script = work.resolve("mix.lua");
        Files.writeString(script, mixScript());
        URI list = server.base.resolve("properties/");
        List<Wrk.Result> mixes = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> listRatios = new ArrayList<>();
        for (int round = 0; round < settings.repeats(); round++) {
            ServiceClient.Level responseBefore = client.level("response");
            ServiceClient.Level listBefore = client.level("list");
            Wrk.Result mix = checked("mix-90-10", measured(list, List.of(GZIP), Optional.of(script)));
            ServiceClient.Level response = client.level("response").minus(responseBefore);
            ServiceClient.Level listLevel = client.level("list").minus(listBefore);
            mixes.add(mix);
            ratios.add(response.hitRatio());
            listRatios.add(listLevel.hitRatio());
            log(String.format(Locale.ROOT, "  response hit ratio %.1f %% (%s), list %.1f %%", response.hitRatio(),
                    response, listLevel.hitRatio()));
        }
        report.mix = median(mixes);
        report.mixHitRatio = new double[] {Samples.median(ratios), Samples.median(listRatios)};
        report.commands.put("mix-90-10", wrk.commandLine(list, settings.loadSeconds(), List.of(GZIP),
                Optional.of("target/bench/mix.lua")));
    }

    /**
     * A catalog under edits ({@link CatalogRun}): clients reading the details of 1,000 of the 10,000 properties
     * and the first pages while properties are written, one write a second, then one request in ten.
     */
    private void catalog() throws Exception {
        log("catalog: random details of 1,000 properties and first pages at 10,000 rows, with writes through the API");
        Http http = new Http(server.base);
        Http admin = http.as(BenchServer.ADMIN, server.adminPassword);
        List<Long> ids = CatalogRun.ids(http).subList(0, CatalogRun.ROWS); // the first 1,000 of 10,000
        CatalogRun.warm(http, ids);
        for (int writePercent : new int[] {0, 10}) {
            CatalogRun.Result result = CatalogRun.run(http, admin, ids, writePercent, settings.loadSeconds());
            report.catalog.add(result);
            log(result.toString());
        }
    }

    /**
     * The full list at 10,000 rows with Redis up, then with Redis stopped: req/s, p99, and the database loads per
     * request of each level while it is down (requests of one entry share a load that began after they came).
     */
    private void redisDown() throws Exception {
        log("Redis down at 10,000 rows: GET /properties/ with Redis up, then stopped");
        URI list = server.base.resolve("properties/");
        client.get("properties/", true);
        Wrk.Result up = checked("redis-up", wrk.run(list, settings.loadSeconds(), List.of(GZIP), Optional.empty()));
        LocalRedis local = server.services.localRedis().orElseThrow();
        local.stop();
        try {
            ServiceClient.Level listBefore = client.level("list");
            ServiceClient.Level responseBefore = client.level("response");
            Wrk.Result down = checked("redis-down", wrk.run(list, settings.loadSeconds(), List.of(GZIP),
                    Optional.empty()));
            long listLoads = client.level("list").minus(listBefore).loads();
            long responseLoads = client.level("response").minus(responseBefore).loads();
            report.redisDown = new Report.RedisDown(up, down, listLoads, responseLoads);
            log(String.format(Locale.ROOT, "  loads per request: list %.2f, response %.2f",
                    listLoads / (double) down.requests(), responseLoads / (double) down.requests()));
        } finally {
            local.restart();
            redis = Resp.connect(server.services.redisAddress()); // the restart closed the harness's connection
        }
        // The node evicts before it reads again: the next steps start with the cache in use.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!"HIT".equals(client.get("properties/", true).cache()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(50); // polling for the node to cache again
        }
        report.commands.put("redis-down", wrk.commandLine(list, settings.loadSeconds(), List.of(GZIP),
                Optional.empty()) + "   (before and after stopping Redis)");
    }

    private static String writeBody(int i) {
        return "{\"title\":\"Benchmark write " + i + "\",\"description\":\"A flat written by the benchmark's write"
                + " phase, with two rooms, a balcony and a fitted kitchen, close to transport and shops.\","
                + "\"price\":\"" + (150_000 + i) + ".50\",\"location\":\"Lisbon\"}";
    }

    private String mixScript() {
        String body = writeBody(0).replace("\\", "\\\\").replace("'", "\\'");
        return "-- 90 % GET /properties/ (gzip), 10 % POST /properties/ as the admin: every write evicts every response.\n"
                + "local auth = '" + io.propertylistings.support.TestAccounts.basic(BenchServer.ADMIN, server.adminPassword)
                + "'\n"
                + "local body = '" + body + "'\n"
                + "request = function()\n"
                + "  if math.random() < 0.1 then\n"
                + "    return wrk.format('POST', '/properties/', {['Content-Type'] = 'application/json',"
                + " ['Authorization'] = auth}, body)\n"
                + "  end\n"
                + "  return wrk.format('GET', '/properties/')\n"
                + "end\n";
    }

    // --- 8: Redis bytes at 10,000 rows ---

    private void redisBytes() throws IOException, InterruptedException {
        log("Redis bytes per level at 10,000 rows");
        evictAll();
        byte[] identity = ServiceClient.expect(client.get("properties/", false), 200, "MISS").response().body();
        byte[] gzip = ServiceClient.expect(client.get("properties/", true), 200, "HIT").response().body();
        String generation = redis.text("GET", CacheEntry.GENERATION_KEY);
        @SuppressWarnings("unchecked")
        List<Object> keys = (List<Object>) redis.send("ZRANGE", CacheEntry.indexKey(generation), "0", "-1");
        List<String> responses = keys.stream().map(key -> new String((byte[]) key, StandardCharsets.UTF_8))
                .filter(key -> key.contains(":response:")).toList();
        if (responses.size() != 1) {
            throw new IllegalStateException("expected one response entry, found " + responses.size());
        }
        String entry = responses.get(0);
        String listKey = CacheKeys.listKey(generation);
        long entryLength = redis.number("STRLEN", entry);
        long entryMemory = redis.number("MEMORY", "USAGE", entry);
        long listLength = redis.number("STRLEN", listKey);
        long listMemory = redis.number("MEMORY", "USAGE", listKey);
        byte[] listValue = (byte[]) redis.send("GET", listKey);
        // The list level is a 4-byte count and the gzip of the JSON array (PropertyListCache).
        long listJson = gunzip(java.util.Arrays.copyOfRange(listValue, 4, listValue.length)).length;
        report.redis = new long[] {identity.length, gzip.length, entryLength, entryMemory,
                entryLength - gzip.length + identity.length, entryMemory - gzip.length + identity.length,
                listLength, listMemory, listJson, listMemory - listLength + listJson};
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    // --- 4: pages at 100,000 rows ---

    private void pages() throws IOException, InterruptedException {
        int lastPage = 100_000 / 20;
        List<String> paths = new ArrayList<>();
        for (int i = 0; i < settings.pages(); i++) {
            paths.add("/properties/?page=" + (1 + (long) i * lastPage / settings.pages()) + "&size=20");
        }
        log("pages at 100,000 rows: " + paths.size() + " pages of 20, each cached");
        for (String path : paths) {
            ServiceClient.expect(client.get(path.substring(1), true), 200);
            ServiceClient.expect(client.get(path.substring(1), true), 200, "HIT");
        }
        Path script = work.resolve("pages.lua");
        StringBuilder lua = new StringBuilder("-- Cycles through pages that are all cached.\nlocal paths = {\n");
        paths.forEach(path -> lua.append("  '").append(path).append("',\n"));
        lua.append("}\nlocal i = 0\nrequest = function()\n  i = i + 1\n"
                + "  return wrk.format(nil, paths[(i % #paths) + 1])\nend\n");
        Files.writeString(script, lua);
        URI url = server.base.resolve("properties/");
        // The plain servlet sends one of the pages (gzip, as the hits do): the floor of a page hit.
        byte[] page = ServiceClient.expect(client.get(paths.get(1).substring(1), true), 200).response().body();
        client.put("ceiling/body?coding=gzip", page);
        wrk.run(url, settings.warmupSeconds(), List.of(GZIP), Optional.of(script));
        settle("servlet-page-gzip");
        List<Wrk.Result> runs = new ArrayList<>();
        List<Wrk.Result> servlet = new ArrayList<>();
        for (int round = 0; round < settings.repeats(); round++) {
            runs.add(checked("pages-100k", measured(url, List.of(GZIP), Optional.of(script))));
            servlet.add(load("servlet-page-gzip"));
        }
        report.pages = median(runs);
        report.pagesServlet = median(servlet);
        report.pageBytes = page.length;
        report.commands.put("pages-100k", wrk.commandLine(url, settings.loadSeconds(), List.of(GZIP),
                Optional.of("target/bench/pages.lua")));
    }

    // --- 7: memory at 100,000 rows ---

    private void memory() throws IOException, InterruptedException {
        log("memory after a full-list hit at 100,000 rows");
        ServiceClient.expect(client.get("properties/", true), 200, "HIT");
        ServiceClient.expect(client.get("properties/", false), 200, "HIT");
        report.memory = heapAndRss();
    }

    /** Heap used and committed after a full GC, RSS (before that GC) and peak RSS, in KiB. */
    private long[] heapAndRss() throws IOException, InterruptedException {
        Map<String, Long> status = procStatus(server.pid());
        jcmd("GC.run");
        if (System.getProperty("bench.jvmOptions", "").contains("NativeMemoryTracking")) {
            Files.writeString(work.resolve("nmt-" + System.currentTimeMillis() + ".txt"),
                    jcmd("VM.native_memory", "summary"));
        }
        String heap = jcmd("GC.heap_info");
        java.util.regex.Matcher used = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(heap);
        if (!used.find()) {
            throw new IllegalStateException("no heap figures in: " + heap);
        }
        return new long[] {Long.parseLong(used.group(2)), Long.parseLong(used.group(1)),
                status.getOrDefault("VmRSS", -1L), status.getOrDefault("VmHWM", -1L)};
    }

    private String jcmd(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(server.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static Map<String, Long> procStatus(long pid) throws IOException {
        Map<String, Long> figures = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            String[] parts = line.split(":\\s+");
            if (parts.length == 2 && parts[1].endsWith(" kB")) {
                figures.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()));
            }
        }
        return figures;
    }

    // --- seeding ---

    /**
     * Waits until the server has answered what a load left in its queue (wrk stops sending, the 4 HTTP workers
     * still work through the requests queued before): its response-level counters stop moving for 100 ms. A
     * leftover read after an eviction would otherwise fill the cache that the next step expects empty.
     */
    private void drain() throws IOException, InterruptedException {
        ServiceClient.Level before = client.level("response");
        for (int i = 0; i < 100; i++) {
            TimeUnit.MILLISECONDS.sleep(100);
            ServiceClient.Level now = client.level("response");
            if (now.equals(before)) {
                return;
            }
            before = now;
        }
        throw new IllegalStateException("the server kept answering requests 10 s after the load stopped");
    }

    private void seed(int rows) throws SQLException, IOException, InterruptedException {
        drain();
        long started = System.nanoTime();
        long added;
        try (Connection connection = server.services.openDatabase()) {
            added = Seeder.fillTo(connection, rows - 1);
        }
        // One write through the API: the service evicts its caches after the commit, as for any write.
        ServiceClient.expect(client.post("properties/", writeBody(rows)), 201);
        long count;
        try (Connection connection = server.services.openDatabase()) {
            count = Seeder.count(connection);
        }
        if (count < rows) {
            throw new IllegalStateException("seeded " + count + " rows, wanted " + rows);
        }
        report.seeded.put(rows, new double[] {count, added, (System.nanoTime() - started) / 1e6});
        log(String.format(Locale.ROOT, "seeded %d rows (%d by COPY) in %.0f ms", count, added,
                (System.nanoTime() - started) / 1e6));
    }

    private void stop() {
        nginx.ifPresent(NginxCeiling::close);
        try {
            if (redis != null) {
                redis.close();
            }
        } catch (IOException e) {
            System.err.println("could not close the Redis connection: " + e);
        }
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException e) {
            System.err.println("could not stop cleanly: " + e);
        }
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static String cpuModel() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse("?");
        }
    }

    private static String memTotal() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(line -> line.startsWith("MemTotal")).findFirst()
                    .map(line -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        }
    }

    private static void log(String message) {
        System.out.println("[bench " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + message);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
