package io.propertylistings.bench;

import io.propertylistings.support.PayaraJvmOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The figures of one run, as BENCHMARKS.md and as the README's headline. */
final class Report {

    static final String HEADLINE_START = "<!-- benchmark headline: written by ./bench/run.sh -->";
    static final String HEADLINE_END = "<!-- end of benchmark headline -->";

    private final BenchmarkSuite.Settings settings;
    private final String command;
    final Map<String, String> machine = new LinkedHashMap<>();
    final Map<String, String> commands = new LinkedHashMap<>();
    final Map<Integer, double[]> seeded = new TreeMap<>();
    final Map<Integer, double[]> coldWarm = new TreeMap<>();
    final Map<Integer, String> listOutcomes = new TreeMap<>();
    String loadAtStart = "?";
    String loadAtEnd = "?";
    Duration duration = Duration.ZERO;
    Instant finishedAt;
    long[] bodyAt1k;
    Map<String, Wrk.Result> hit = Map.of();
    Map<String, List<Wrk.Result>> hitRuns = Map.of();
    Map<String, Wrk.Result> small = Map.of();
    long smallBytes;
    double redisRoundTripMicros;
    List<long[]> stampedeLoads = List.of();
    double[] stampede;
    double[] writePairs;
    RedisDown redisDown;
    final List<CatalogRun.Result> catalog = new java.util.ArrayList<>();

    /** The list at 10,000 rows with Redis up and stopped, and the database loads of each level while it was down. */
    record RedisDown(Wrk.Result up, Wrk.Result down, long listLoads, long responseLoads) {
    }
    Wrk.Result mix;
    double[] mixHitRatio;
    long[] redis;
    Wrk.Result pages;
    Wrk.Result pagesServlet;
    long pageBytes;
    long[] memory;
    long[] memoryAtStart;
    long[] memoryAt10k;
    Duration startup;
    GcLog gc;
    static final long RSS_TARGET_BYTES = 400_000_000L;
    /** Start-up before issue 23 (quick run of c958f6e, bench/NOTES.md): the target is half of it. */
    static final Duration STARTUP_BEFORE = Duration.ofMillis(11_600);
    Map<String, Integer> profile;
    Wrk.Result profileLoad;

    Report(BenchmarkSuite.Settings settings, String command) {
        this.settings = settings;
        this.command = command;
    }

    /**
     * The median of the ratios of runs made one after the other (the ceiling, then the hit): the load from elsewhere
     * on the machine drifts between rounds more than between two neighbouring runs.
     */
    private double hitRatio(String encoding) {
        return pairedRatio("hit-" + encoding, "ceiling-" + encoding);
    }

    private double cpuRatio(String encoding) {
        return hit.get("ceiling-" + encoding).cpuMicrosPerRequest() / hit.get("hit-" + encoding).cpuMicrosPerRequest();
    }

    private double servletCpuRatio(String encoding) {
        return hit.get("servlet-" + encoding).cpuMicrosPerRequest() / hit.get("hit-" + encoding).cpuMicrosPerRequest();
    }

    /** A hit's requests per second against nginx's for the same bytes, or NaN when nginx did not run. */
    private double nginxRatio(String encoding) {
        return hitRuns.containsKey("nginx-" + encoding) ? pairedRatio("hit-" + encoding, "nginx-" + encoding) : Double.NaN;
    }

    private static double cpuRatio(Wrk.Result reference, Wrk.Result result) {
        return reference.cpuMicrosPerRequest() / result.cpuMicrosPerRequest();
    }

    private double pairedRatio(String measured, String reference) {
        List<Wrk.Result> runs = hitRuns.get(measured);
        List<Wrk.Result> references = hitRuns.get(reference);
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < Math.min(runs.size(), references.size()); i++) {
            ratios.add(runs.get(i).requestsPerSecond() / references.get(i).requestsPerSecond());
        }
        return Samples.median(ratios);
    }

    private boolean coldMet(int rows) {
        double[] f = coldWarm.get(rows);
        return f[0] / f[4] <= 1.2 && f[5] / f[4] <= 1.2;
    }

    private double pagesRatio() {
        return pages.p99Millis() / hit.get("hit-gzip").p99Millis();
    }

    private long maxStampedeLoads() {
        return stampedeLoads.stream().mapToLong(loads -> Math.max(loads[0], loads[1])).max().orElse(-1);
    }

    String markdown(String notes) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Written by `").append(command).append("` on ").append(finishedAt).append(" in ")
                .append(duration.toMinutes()).append(" min ").append(duration.toSecondsPart()).append(" s")
                .append(settings.quick() ? " (**`--quick`: a smoke run, one short repetition each; not figures to quote**)" : "")
                .append(". Every figure is the median of ").append(settings.repeats())
                .append(settings.repeats() == 1 ? " run" : " runs")
                .append(" (load runs of ").append(settings.loadSeconds()).append(" s after ")
                .append(settings.warmupSeconds()).append(" s of warm-up; the ceiling and hit loads of sections 1 and 2 ")
                .append("are warmed up in ").append(settings.warmupSeconds()).append(" s runs until two in a row cost ")
                .append("the same CPU per request within 10 %, twice in turn), with p50/p99 where it is a load. ")
                .append("Everything runs on one machine, over loopback: the load generator takes CPU from the server, ")
                .append("the same for the service and for its ceiling.\n\n");

        md.append("## Headline\n\n").append(headlineTable()).append('\n');

        md.append("## Machine\n\n| | |\n|---|---|\n");
        machine.forEach((name, value) -> md.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        md.append("| load average (1, 5, 15 min) | at start ").append(loadAtStart).append(", at end ").append(loadAtEnd)
                .append(" (other sessions may run builds on this machine at the same time) |\n\n");

        md.append("## Commands\n\n```\n").append(command).append("\n```\n\n")
                .append("It builds the WAR (`./mvnw -Pbench package`, tests skipped), starts PostgreSQL and Redis as ")
                .append("`./mvnw -Prun` does, and Payara Micro with the service at `/` and the benchmark-only ceiling WAR ")
                .append("at `/ceiling` (assembled from `src/test/java/io/propertylistings/bench/ceiling`, never part of ")
                .append("the production WAR). Rows are added with JDBC `COPY`, then one `POST` through the API evicts ")
                .append("the caches as any write does. The load runs were:\n\n```\n");
        commands.forEach((name, line) -> md.append(line.replaceAll("http://127\\.0\\.0\\.1:\\d+", java.util.regex.Matcher.quoteReplacement("http://127.0.0.1:$PORT")))
                .append('\n'));
        md.append("```\n\n");

        md.append("## Seeding\n\n| rows | added by COPY | time (COPY + one POST) |\n|---:|---:|---:|\n");
        seeded.forEach((rows, figures) -> md.append(String.format(Locale.ROOT, "| %,d | %,d | %.0f ms |%n",
                (long) figures[0], (long) figures[1], figures[2])));
        md.append(String.format(Locale.ROOT, "%nAt 1,000 rows `GET /properties/` is %,d bytes (%.0f bytes of JSON per "
                + "row), %,d bytes gzipped.%n%n", bodyAt1k[0], bodyAt1k[0] / 1000.0, bodyAt1k[1]));

        md.append("## 1, 2. Ceiling and cache hit: `GET /properties/` at 1,000 rows, ").append("32 connections\n\n")
                .append("The ceiling is the same Payara Micro answering the same bytes (the service's own response, ")
                .append("copied) with the same headers from a byte array, through JAX-RS. The plain servlet below it ")
                .append("sends them with no framework: what JAX-RS itself costs. A hit the service has answered ")
                .append("through JAX-RS before (every request of these loads but the first) is answered ahead of JAX-RS ")
                .append("by `EarlyHitFilter`, from the entry that answered it: the plain servlet is the floor of that ")
                .append("path, and the headline gives the ratio to it too.\n\n")
                .append("Each figure is the median over the rounds; the ratio is the median of each round's ratio to the ")
                .append("ceiling run just before it (the runs are interleaved: ceiling, hit, ... per encoding), which the ")
                .append("machine's drifting load disturbs less.\n\n")
                .append("*CPU per request* is the CPU time the server's JVM (`/proc/<pid>/stat`) and Redis (`INFO cpu`) ")
                .append("spent during the run divided by the requests answered: what else runs on the machine moves it ")
                .append("much less than it moves req/s. *Ratio by CPU* is the ceiling's CPU per request over this row's: ")
                .append("the throughput ratio that two otherwise idle cores would show.\n\n")
                .append("| what | Accept-Encoding | body bytes | req/s | p50 | p99 | ratio to ceiling (req/s) | CPU per request | ratio by CPU | target >= 0.8x by CPU |\n")
                .append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (String encoding : List.of("gzip", "identity")) {
            long bytes = encoding.equals("gzip") ? bodyAt1k[1] : bodyAt1k[0];
            Wrk.Result ceiling = hit.get("ceiling-" + encoding);
            md.append(row("ceiling (JAX-RS, from memory)", encoding, bytes, ceiling, "1.00x", ceiling, ""));
            md.append(row("**cache hit**", encoding, bytes, hit.get("hit-" + encoding),
                    ratio(hitRatio(encoding)), ceiling, met(cpuRatio(encoding) >= 0.8)));
            Wrk.Result servlet = hit.get("servlet-" + encoding);
            md.append(row("plain servlet, same bytes", encoding, bytes, servlet,
                    ratio(pairedRatio("servlet-" + encoding, "ceiling-" + encoding)), ceiling, ""));
            if (hit.containsKey("redis-" + encoding)) {
                md.append(row("plain servlet after one Redis `GET` (blocking socket)", encoding, bytes,
                        hit.get("redis-" + encoding), ratio(pairedRatio("redis-" + encoding, "ceiling-" + encoding)),
                        ceiling, ""));
            }
            if (hit.containsKey("nginx-" + encoding)) {
                md.append(row("nginx, the same bytes as a static file (CPU: nginx's)", encoding, bytes,
                        hit.get("nginx-" + encoding), ratio(pairedRatio("nginx-" + encoding, "ceiling-" + encoding)),
                        ceiling, ""));
            }
        }
        md.append("\nThe headline load sends `Accept-Encoding: gzip`, as browsers and most HTTP clients do; the service ")
                .append("stores the gzip bytes and sends them as they are. Without it the service sends the identity ")
                .append("body, decompressed once when the entry entered the near cache.\n\n");
        if (!small.isEmpty()) {
            Wrk.Result c = small.get("ceiling");
            Wrk.Result h = small.get("hit");
            md.append("### Per-request cost of a hit, with a small body\n\n")
                    .append("`GET /properties/1` (").append(smallBytes).append(" bytes) against the ceilings answering ")
                    .append("the same bytes, 32 connections, identity: here the body costs little and the per-request ")
                    .append("work of the cache (the request's signature, one Redis round trip for the generation) shows. ")
                    .append("The servlet after one Redis `GET` asks Redis on a blocking socket of its own thread before it ")
                    .append("sends the bytes: the least a hit that confirms its generation with Redis can cost.\n\n")
                    .append("| what | req/s | p50 | p99 | ratio to ceiling | CPU per request | ratio by CPU |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|\n");
            Map<String, String> names = new LinkedHashMap<>();
            names.put("ceiling", "ceiling (JAX-RS)");
            names.put("hit", "**detail cache hit**");
            names.put("servlet", "plain servlet");
            names.put("redis", "plain servlet after one Redis `GET` (blocking socket)");
            names.put("nginx", "nginx, a static file (CPU: nginx's)");
            names.forEach((key, name) -> {
                Wrk.Result r = small.get(key);
                if (r != null) {
                    md.append(String.format(Locale.ROOT, "| %s | %,.0f | %s | %s | %s | %s | %s |%n", name,
                            r.requestsPerSecond(), ms(r.p50Millis()), ms(r.p99Millis()),
                            ratio(r.requestsPerSecond() / c.requestsPerSecond()), cpu(r), ratio(cpuRatio(c, r))));
                }
            });
            md.append(String.format(Locale.ROOT, "%nThe hit costs %,.0f µs of CPU more per request than the "
                            + "JAX-RS ceiling, %,.0f µs more than the plain servlet.%n", h.cpuMicrosPerRequest()
                            - c.cpuMicrosPerRequest(), h.cpuMicrosPerRequest() - small.get("servlet").cpuMicrosPerRequest()))
                    .append(String.format(Locale.ROOT, "%nOne Redis round trip (`GET` of the generation key, from "
                            + "another process, one connection, no load): %.0f µs median.%n%n", redisRoundTripMicros));
        }

        if (profile != null) {
            int total = profile.get("total");
            md.append("### Where a small hit's CPU goes\n\n")
                    .append(String.format(Locale.ROOT, "JFR (`jcmd <pid> JFR.start settings=profile`) in the Payara JVM "
                            + "during one more %d s detail-hit load at the end of the run (`GET /properties/1`, 32 "
                            + "connections, %,.0f req/s under the recording; last, so that JFR's memory is not in the RSS "
                            + "figures): "
                            + "%,d execution samples, each counted in the first category its stack matches, top down.%n%n",
                            settings.loadSeconds(), profileLoad.requestsPerSecond(), total))
                    .append("| where | samples | share |\n|---|---:|---:|\n");
            profile.forEach((name, count) -> {
                if (!name.equals("total")) {
                    md.append(String.format(Locale.ROOT, "| %s | %d | %.1f %% |%n", name, count, 100.0 * count / total));
                }
            });
            md.append('\n');
        }

        md.append("## 3. Cold, list cached, response cached: one request, `GET /properties/`\n\n")
                .append("Single requests from the harness (JDK HttpClient, a kept-alive connection, `Accept-Encoding: ")
                .append("gzip`), time to the last body byte, median of ").append(settings.singleSamples())
                .append(" (").append(settings.largeSamples()).append(" at 100,000 rows) after one unmeasured round. ")
                .append("*Cold*: both levels evicted as a write evicts them (the generation counter incremented): ")
                .append("a database query streamed into the list's JSON and its one gzip, two Redis stores. *List ")
                .append("cached*: only the response level evicted: the list's gzip is read from Redis and wrapped, ")
                .append("not parsed. *Response cached*: a near-cache hit (one Redis round trip that confirms the ")
                .append("generation). *Database ceiling*: the same rows read by the harness with plain JDBC into one ")
                .append("byte array of the same JSON (identity), in the same rounds. *Cold (identity)*: cold again, ")
                .append("for a client without `Accept-Encoding`. Each request's `X-Cache` and ")
                .append("the list level's counters are checked.\n\n")
                .append("| rows | cold | cold (identity) | database ceiling | cold / ceiling, gzip and identity | list cached | list cached / cold | list level answered (samples) | response cached (gzip) | response cached (identity) | cold / response cached | targets at 1,000 and 10,000: cold <= 1.2x ceiling (both), list <= 0.3x cold at 10,000 |\n")
                .append("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---|\n");
        coldWarm.forEach((rows, f) -> md.append(String.format(Locale.ROOT,
                "| %,d | %s | %s | %s | %s, %s | %s | %s | %s | %s | %s | %.0fx | %s |%n",
                rows, ms(f[0]), ms(f[5]), ms(f[4]), ratio(f[0] / f[4]), ratio(f[5] / f[4]), ms(f[1]), ratio(f[1] / f[0]),
                listOutcomes.get(rows), ms(f[2]), ms(f[3]), f[0] / f[2],
                rows <= 10_000 ? met(coldMet(rows)) + (rows == 10_000 ? ", " + met(f[1] / f[0] <= 0.3) : "") : "")));
        md.append('\n');

        if (pages != null) {
            Wrk.Result full = hit.get("hit-gzip");
            md.append("## 4. Pages at 100,000 rows: `GET /properties/?page=N&size=20`, cache hits\n\n")
                    .append(settings.pages()).append(" pages spread over the 5,000, each cached before the run; wrk ")
                    .append("cycles through them (`pages.lua`), 32 connections, gzip. A page is ").append(pageBytes)
                    .append(" bytes.\n\n| what | req/s | p50 | p99 | p99 ratio | target <= 2x |\n|---|---:|---:|---:|---:|---|\n")
                    .append(String.format(Locale.ROOT, "| full list hit, 1,000 rows | %,.0f | %s | %s | 1.00x | |%n",
                            full.requestsPerSecond(), ms(full.p50Millis()), ms(full.p99Millis())))
                    .append(String.format(Locale.ROOT, "| **page hit, 100,000 rows** | %,.0f | %s | %s | %s | %s |%n",
                            pages.requestsPerSecond(), ms(pages.p50Millis()), ms(pages.p99Millis()), ratio(pagesRatio()),
                            met(pagesRatio() <= 2.0)))
                    .append(String.format(Locale.ROOT, "| plain servlet sending one of the pages (gzip) | %,.0f | %s | %s | "
                            + "| |%n%nBy CPU per request the page hit costs %s, the servlet %s: **%s**.%n%n",
                            pagesServlet.requestsPerSecond(), ms(pagesServlet.p50Millis()), ms(pagesServlet.p99Millis()),
                            cpu(pages), cpu(pagesServlet), ratio(cpuRatio(pagesServlet, pages))));
        }

        if (stampede != null) {
            md.append("## 5. Stampede: 100 concurrent cold requests, `GET /properties/` at 10,000 rows\n\n")
                    .append("Both levels evicted, then 100 requests released at once on 100 open connections. Loads ")
                    .append("counted from `/cache/metrics` (`levels.response.loads`: invocations of the resource; ")
                    .append("`levels.list.loads`: database queries of the list).\n\n")
                    .append("| round | response loads | list (database) loads | target 1 |\n|---:|---:|---:|---|\n");
            for (int i = 0; i < stampedeLoads.size(); i++) {
                long[] loads = stampedeLoads.get(i);
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %s |%n", i + 1, loads[0], loads[1],
                        met(loads[0] == 1 && loads[1] == 1)));
            }
            md.append(String.format(Locale.ROOT, "%nLatency of the 100 (median over rounds): p50 %s, p99 %s.%n%n",
                    ms(stampede[0]), ms(stampede[1])));
        }

        if (writePairs != null) {
            md.append("## 6. Writes\n\n")
                    .append("*POST + GET*: one client, one connection: `POST /properties/` (admin, Basic), then ")
                    .append("`GET /properties/` (which must be a `MISS`: the write evicted it), in a loop for ")
                    .append(settings.loadSeconds()).append(" s, starting at ~1,000 rows (each pair adds one).\n\n")
                    .append("| pairs/s | POST p50 | POST p99 | GET after POST p50 | GET after POST p99 |\n")
                    .append("|---:|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT, "| %.1f | %s | %s | %s | %s |%n%n", writePairs[0],
                            ms(writePairs[1]), ms(writePairs[2]), ms(writePairs[3]), ms(writePairs[4])))
                    .append("*90/10 mix*: wrk, 32 connections, 90 % `GET /properties/` (gzip) and 10 % `POST` ")
                    .append("(`mix.lua`); every write evicts every cached response. Hit ratios are this service's own ")
                    .append("counters (`/cache/metrics`) over the run: response level hits / (hits + misses), where a ")
                    .append("request that waited for another's load counts as a miss.\n\n")
                    .append("| req/s (reads + writes) | p50 | p99 | response-level hit ratio | list-level hit ratio |\n")
                    .append("|---:|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT, "| %,.0f | %s | %s | %.1f %% | %.1f %% |%n%n",
                            mix.requestsPerSecond(), ms(mix.p50Millis()), ms(mix.p99Millis()), mixHitRatio[0],
                            mixHitRatio[1]));
        }

        if (!catalog.isEmpty()) {
            md.append("## 6a. A catalog under edits: random details of 1,000 properties and the first pages, at 10,000 rows\n\n")
                    .append(CatalogRun.CLIENTS).append(" clients (Java, one connection each): 4 in 5 requests the ")
                    .append("detail of a random property, the others one of the first 5 pages; properties written ")
                    .append("through the API (`PATCH` of a random one), one write a second, then one request in ten, ")
                    .append("after every detail and page was read once. ")
                    .append("Hit ratios from `X-Cache`. A write evicts every list and page and its own row's detail ")
                    .append("(issue 25); before, every detail too (`bench/NOTES.md` has both).\n\n")
                    .append("| writes | req/s | detail hit ratio | page hit ratio |\n|---|---:|---:|---:|\n");
            for (CatalogRun.Result result : catalog) {
                md.append(String.format(Locale.ROOT, "| %s | %,.0f | %.1f %% | %.1f %% |%n", result.setting(),
                        result.requestsPerSecond(), result.detailHitRatio(), result.pageHitRatio()));
            }
            md.append('\n');
        }

        if (redisDown != null) {
            md.append("## 6b. Redis down: `GET /properties/` at 10,000 rows, 32 connections, gzip\n\n")
                    .append("The same wrk run with Redis up, then with Redis stopped: every request is answered from ")
                    .append("the database (`X-Cache: BYPASS`), and requests for one entry share a load that began after ")
                    .append("they came (`SharedLoads`; before issue 21 every request loaded both levels itself: 1 load ")
                    .append("per request at each level). Loads from `/cache/metrics` before and after the run.\n\n")
                    .append("| Redis | req/s | p50 | p99 | database loads per request: list / response level |\n")
                    .append("|---|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT, "| up | %,.0f | %s | %s | |%n",
                            redisDown.up().requestsPerSecond(), ms(redisDown.up().p50Millis()),
                            ms(redisDown.up().p99Millis())))
                    .append(String.format(Locale.ROOT, "| down | %,.0f | %s | %s | %.2f / %.2f |%n%n",
                            redisDown.down().requestsPerSecond(), ms(redisDown.down().p50Millis()),
                            ms(redisDown.down().p99Millis()), redisDown.listLoads() / (double) redisDown.down().requests(),
                            redisDown.responseLoads() / (double) redisDown.down().requests()));
        }

        if (memory != null) {
            md.append("## 7. Memory\n\n")
                    .append("RSS from `/proc/<pid>/status` (the server's JVM, with the options of ")
                    .append("`server-config/payara/jvm.options`: `").append(String.join(" ", PayaraJvmOptions.read()))
                    .append("`), then `jcmd <pid> GC.run` and `jcmd <pid> GC.heap_info`.\n\n")
                    .append("| when | heap used after GC | heap committed | RSS | peak RSS (VmHWM) |\n|---|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT, "| started, nothing seeded | %s | %s | %s | %s |%n",
                            mib(memoryAtStart[0]), mib(memoryAtStart[1]), mib(memoryAtStart[2]), mib(memoryAtStart[3])))
                    .append(memoryAt10k == null ? "" : String.format(Locale.ROOT,
                            "| after the 1,000- and 10,000-row runs | %s | %s | **%s** | %s |%n",
                            mib(memoryAt10k[0]), mib(memoryAt10k[1]), mib(memoryAt10k[2]), mib(memoryAt10k[3])))
                    .append(String.format(Locale.ROOT, "| **after a full-list hit at 100,000 rows** | %s | %s | %s | %s |%n%n",
                            mib(memory[0]), mib(memory[1]), mib(memory[2]), mib(memory[3])));
        }

        if (redis != null) {
            md.append("## 8. Redis bytes per level at 10,000 rows\n\n")
                    .append("`STRLEN` and `MEMORY USAGE` of the keys (the response entry found through its generation's ")
                    .append("index, `{response}:<generation>:index`). The response level stores the body gzipped and ")
                    .append("has no switch to turn that off: *without compression* is computed as the stored value ")
                    .append("minus the gzip bytes plus the identity body (")
                    .append(String.format(Locale.ROOT, "%,d", redis[0])).append(" bytes; gzip ")
                    .append(String.format(Locale.ROOT, "%,d", redis[1])).append("). The list level stores its JSON array gzipped too; ")
                    .append("*without compression* is that array inflated by the harness.\n\n")
                    .append("| level | key | stored (STRLEN) | MEMORY USAGE | the other way | ratio |\n")
                    .append("|---|---|---:|---:|---:|---:|\n")
                    .append(String.format(Locale.ROOT,
                            "| response (gzip, as stored) | `{response}:<generation>:<sha256>` | %,d | %,d | %,d without compression | %.1fx smaller |%n",
                            redis[2], redis[3], redis[4], (double) redis[4] / redis[2]))
                    .append(String.format(Locale.ROOT,
                            "| list (gzip, as stored) | `all_properties` | %,d | %,d | %,d without compression | %.1fx smaller |%n%n",
                            redis[6], redis[7], redis[8], (double) redis[8] / redis[6]));
        }

        md.append(notes);
        return md.toString();
    }

    private String headlineTable() {
        StringBuilder md = new StringBuilder("| figure | result | target |\n|---|---|---|\n");
        Wrk.Result gzip = hit.get("hit-gzip");
        Wrk.Result identity = hit.get("hit-identity");
        md.append(hitRow(String.format(Locale.ROOT, "cache hit, `GET /properties/`, 1,000 rows, gzip (%,d bytes)",
                bodyAt1k[1]), gzip, servletCpuRatio("gzip"), nginxRatio("gzip"), 0.4));
        md.append(hitRow(String.format(Locale.ROOT, "the same, identity (%,d bytes)", bodyAt1k[0]), identity,
                servletCpuRatio("identity"), nginxRatio("identity"), Double.NaN));
        if (!small.isEmpty()) {
            Wrk.Result detail = small.get("hit");
            double nginx = small.containsKey("nginx")
                    ? detail.requestsPerSecond() / small.get("nginx").requestsPerSecond() : Double.NaN;
            md.append(hitRow(String.format(Locale.ROOT, "detail hit, `GET /properties/1` (%,d bytes)", smallBytes),
                    detail, cpuRatio(small.get("servlet"), detail), nginx, 0.3));
        }
        if (pages != null) {
            md.append(hitRow(String.format(Locale.ROOT, "page hit, `?page=N&size=20` at 100,000 rows (%,d bytes, gzip)",
                    pageBytes), pages, cpuRatio(pagesServlet, pages), Double.NaN, Double.NaN));
        }
        if (hit.containsKey("redis-gzip") && small.containsKey("redis")) {
            md.append(String.format(Locale.ROOT, "| the least a confirmed hit can cost: the plain servlet after one Redis "
                    + "`GET` on a blocking socket, by CPU per request against the plain servlet | 1,000-row gzip %s, "
                    + "detail %s | |%n", ratio(cpuRatio(hit.get("servlet-gzip"), hit.get("redis-gzip"))),
                    ratio(cpuRatio(small.get("servlet"), small.get("redis")))));
        }
        md.append(String.format(Locale.ROOT, "| the gzip hit against the JAX-RS ceiling (the same bytes through JAX-RS), "
                + "by CPU per request | %s, identity %s | |%n", ratio(cpuRatio("gzip")), ratio(cpuRatio("identity"))));
        for (int rows : List.of(1_000, 10_000)) {
            if (coldWarm.containsKey(rows)) {
                double[] f = coldWarm.get(rows);
                md.append(String.format(Locale.ROOT, "| cold list at %,d rows against the database ceiling (plain JDBC "
                        + "into one byte array of the JSON, same run), gzip and identity client | %s and %s / %s = "
                        + "**%s and %s** | <= 1.2x: %s |%n", rows, ms(f[0]), ms(f[5]), ms(f[4]), ratio(f[0] / f[4]),
                        ratio(f[5] / f[4]), met(coldMet(rows))));
            }
        }
        if (coldWarm.containsKey(10_000)) {
            double[] f = coldWarm.get(10_000);
            md.append(String.format(Locale.ROOT, "| list level cached, response level evicted, 10,000 rows | %s = **%s "
                    + "the cold time** | <= 0.3x: %s |%n", ms(f[1]), ratio(f[1] / f[0]), met(f[1] / f[0] <= 0.3)));
        }
        if (listOutcomes.containsKey(100_000)) {
            String answered = listOutcomes.get(100_000);
            md.append(String.format(Locale.ROOT, "| 100,000 rows: where the list level answered from (samples) | %s | "
                    + "Redis every time: %s |%n", answered, met(answered.matches("hit: \\d+"))));
        }
        if (stampede != null) {
            md.append(String.format(Locale.ROOT, "| 100 concurrent cold requests, 10,000 rows | at most **%d** database "
                    + "load(s) per round, p99 %s | 1: %s |%n", maxStampedeLoads(), ms(stampede[1]), met(maxStampedeLoads() == 1)));
        }
        if (mix != null) {
            md.append(String.format(Locale.ROOT, "| 90/10 read/write mix, 32 connections | %,.0f req/s, response hit "
                    + "ratio %.1f %% | |%n", mix.requestsPerSecond(), mixHitRatio[0]));
        }
        if (!catalog.isEmpty()) {
            CatalogRun.Result edited = catalog.get(0);
            md.append(String.format(Locale.ROOT, "| catalog under edits: random details of 1,000 properties and pages, one "
                    + "write a second | %,.0f req/s, **detail hit ratio %.1f %%** | >= 95 %%: %s |%n", edited.requestsPerSecond(),
                    edited.detailHitRatio(), met(edited.detailHitRatio() >= 95)));
        }
        if (redisDown != null) {
            md.append(String.format(Locale.ROOT, "| Redis down, `GET /properties/` at 10,000 rows, 32 connections | %,.0f "
                    + "req/s, p99 %s (Redis up: %,.0f req/s, p99 %s); **%.2f** database loads per request at the list "
                    + "level | < 1 (1 before issue 21): %s |%n", redisDown.down().requestsPerSecond(),
                    ms(redisDown.down().p99Millis()), redisDown.up().requestsPerSecond(), ms(redisDown.up().p99Millis()),
                    redisDown.listLoads() / (double) redisDown.down().requests(),
                    met(redisDown.listLoads() < redisDown.down().requests())));
        }
        if (memoryAt10k != null) {
            md.append(String.format(Locale.ROOT, "| RSS of the server after the 10,000-row runs (`%s`) | **%s** (peak %s) "
                    + "| <= 400 MB: %s |%n", String.join(" ", PayaraJvmOptions.read()), mb(memoryAt10k[2]),
                    mb(memoryAt10k[3]), met(memoryAt10k[2] * 1024 <= RSS_TARGET_BYTES)));
        }
        if (startup != null) {
            md.append(String.format(Locale.ROOT, "| start-up: launching Payara Micro with the WAR (and the ceiling WAR) "
                    + "to the first 200 of both | **%.1f s** | half of %.1f s: %s |%n", startup.toMillis() / 1000.0,
                    STARTUP_BEFORE.toMillis() / 1000.0, met(startup.multipliedBy(2).compareTo(STARTUP_BEFORE) <= 0)));
        }
        if (gc != null) {
            md.append(String.format(Locale.ROOT, "| full GCs during the load runs (GC log) | **%d** (%d in the whole run, "
                    + "the harness's own `jcmd GC.run` left out); %,d young pauses, the longest %s | 0: %s |%n",
                    gc.fullDuringLoads(), gc.fullCollections(), gc.youngPauses(), ms(gc.longestYoungPauseMillis()),
                    met(gc.fullDuringLoads() == 0)));
        }
        if (memory != null) {
            md.append(String.format(Locale.ROOT, "| heap after a full-list hit at 100,000 rows, RSS | %s, RSS %s | |%n",
                    mib(memory[0]), mib(memory[2])));
        }
        if (redis != null) {
            md.append(String.format(Locale.ROOT, "| Redis bytes at 10,000 rows, response / list level | %,d (gzip) / %,d "
                    + "(gzip) | |%n", redis[2], redis[6]));
        }
        return md.toString();
    }

    /**
     * One hit load: its rate and percentiles, its CPU per request against the plain servlet sending the same bytes
     * (issue 23: 0.8x), its rate against nginx's where nginx ran, and the tail (p99 at most 3x p50).
     */
    private static String hitRow(String what, Wrk.Result result, double servletRatio, double nginxRatio,
            double nginxTarget) {
        StringBuilder targets = new StringBuilder(">= 0.8x servlet: ").append(met(servletRatio >= 0.8));
        if (!Double.isNaN(nginxTarget)) {
            targets.append(", >= ").append(ratio(nginxTarget)).append(" nginx: ")
                    .append(Double.isNaN(nginxRatio) ? "not measured" : met(nginxRatio >= nginxTarget));
        }
        double tail = result.p99Millis() / result.p50Millis();
        targets.append(", p99 <= 3x p50: ").append(met(tail <= 3));
        return String.format(Locale.ROOT, "| %s | %,.0f req/s, %s per request: **%s the plain servlet** by CPU%s; "
                + "p50 %s, p99 %s (%.1fx) | %s |%n", what, result.requestsPerSecond(), cpu(result), ratio(servletRatio),
                Double.isNaN(nginxRatio) ? "" : ", **" + ratio(nginxRatio) + " nginx** by req/s", ms(result.p50Millis()),
                ms(result.p99Millis()), tail, targets);
    }

    /** The README with its headline section replaced by this run's. */
    String withHeadline(String readme) {
        int start = readme.indexOf(HEADLINE_START);
        int end = readme.indexOf(HEADLINE_END);
        if (start < 0 || end < start) {
            return readme;
        }
        String headline = HEADLINE_START + "\n" + headlineTable()
                + "\nMeasured " + (settings.quick() ? "by a `--quick` smoke run " : "") + "on " + finishedAt
                + " (" + machine.getOrDefault("CPU", "?") + "); load average " + loadAtStart + " at start.\n";
        return readme.substring(0, start) + headline + readme.substring(end);
    }

    String summary() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(headlineTable());
        return String.join("\n", lines);
    }

    private static String row(String what, String encoding, long bytes, Wrk.Result result, String ratio,
            Wrk.Result ceiling, String target) {
        return String.format(Locale.ROOT, "| %s | %s | %,d | %,.0f | %s | %s | %s | %s | %s | %s |%n", what, encoding,
                bytes, result.requestsPerSecond(), ms(result.p50Millis()), ms(result.p99Millis()), ratio,
                cpu(result), ratio(ceiling.cpuMicrosPerRequest() / result.cpuMicrosPerRequest()), target);
    }

    static String cpu(Wrk.Result result) {
        return Double.isNaN(result.cpuMicrosPerRequest()) ? "?"
                : String.format(Locale.ROOT, "%,.0f µs", result.cpuMicrosPerRequest());
    }

    static String ms(double millis) {
        if (Double.isNaN(millis)) {
            return "?";
        }
        if (millis >= 100) {
            return String.format(Locale.ROOT, "%,.0f ms", millis);
        }
        if (millis >= 10) {
            return String.format(Locale.ROOT, "%.1f ms", millis);
        }
        return String.format(Locale.ROOT, "%.2f ms", millis);
    }

    private static String ratio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    private static String met(boolean met) {
        return met ? "met" : "**missed**";
    }

    private static String mb(long kib) {
        return String.format(Locale.ROOT, "%.0f MB", kib * 1024 / 1e6);
    }

    private static String mib(long kib) {
        return String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
    }
}
