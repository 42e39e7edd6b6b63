package io.propertylistings.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.ExternalTool;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The files of server-config/monitoring: valid for the tools that load them, and alert rules that do fire. */
class MonitoringConfigTest {

    private static final Path PROMETHEUS = Path.of("server-config", "monitoring", "prometheus");
    private static final Path DASHBOARD = Path.of("server-config", "monitoring", "grafana", "dashboards",
            "property-listings.json");

    @Test
    void prometheusConfigAndRulesAreValid() throws Exception {
        ExternalTool promtool = ExternalTool.require("promtool", "prometheus");

        ExternalTool.Result config = promtool.run(60, null, "check", "config", PROMETHEUS.resolve("prometheus.yml").toString());
        ExternalTool.Result rules = promtool.run(60, null, "check", "rules", PROMETHEUS.resolve("alerts.yml").toString());

        assertEquals(0, config.exitCode(), config.report());
        assertTrue(config.report().contains("1 rule files found"), config.report());
        assertEquals(0, rules.exitCode(), rules.report());
        assertTrue(rules.report().contains("SUCCESS: 6 rules found"), rules.report());
    }

    @Test
    void alertsFireOnTheSeriesThatShouldFireThem() throws Exception {
        ExternalTool promtool = ExternalTool.require("promtool", "prometheus");

        // rule_files in the test file are resolved against the test file's folder.
        ExternalTool.Result tests = promtool.run(60, null, "test", "rules",
                PROMETHEUS.resolve("alerts-test.yml").toAbsolutePath().toString());

        assertEquals(0, tests.exitCode(), tests.report());
        assertTrue(tests.report().contains("SUCCESS"), tests.report());
    }

    @Test
    void grafanaDashboardQueriesTheProvisionedPrometheus() throws Exception {
        JsonObject dashboard;
        try (Reader file = Files.newBufferedReader(DASHBOARD); JsonReader reader = Json.createReader(file)) {
            dashboard = reader.readObject();
        }
        String datasources = Files.readString(Path.of("server-config", "monitoring", "grafana", "provisioning",
                "datasources", "prometheus.yml"));
        assertTrue(datasources.contains("uid: prometheus"), datasources);

        Set<Integer> ids = new HashSet<>();
        var panels = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class);
        assertFalse(panels.isEmpty());
        for (JsonObject panel : panels) {
            assertTrue(ids.add(panel.getInt("id")), "duplicate panel id " + panel.getInt("id"));
            assertEquals("prometheus", panel.getJsonObject("datasource").getString("uid"), panel.getString("title"));
            for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                String expr = target.getString("expr");
                assertFalse(expr.isBlank(), panel.getString("title"));
                assertEquals(count(expr, '('), count(expr, ')'), "unbalanced: " + expr);
            }
        }
        for (String figure : Set.of("cache_hits_total", "cache_misses_total", "cache_load_time_seconds", "redis_up",
                "cache_errors_total", "cache_evictions_total", "cache_warmups_total", "redis_keyspace_hits")) {
            assertTrue(dashboard.toString().contains(figure), "the dashboard does not show " + figure);
        }
    }

    /** The panels of /dashboard/, so that the page and Grafana tell one story. */
    @Test
    void grafanaHasTheDashboardPagesPanels() throws Exception {
        JsonObject dashboard = grafanaDashboard();
        var panels = dashboard.getJsonArray("panels").getValuesAs(JsonObject.class);
        JsonObject hitRatio = panel(panels, "Hit ratio per level and of the keyspace");
        assertTrue(hitRatio.toString().contains("redis_keyspace_hits"), "no keyspace ratio");
        var steps = hitRatio.getJsonObject("fieldConfig").getJsonObject("defaults").getJsonObject("thresholds")
                .getJsonArray("steps").getValuesAs(JsonObject.class);
        // The assessment bands of /cache/metrics, shaded: FAIR from 70 %, GOOD from 80, EXCELLENT from 90.
        assertEquals("[null, 0.7, 0.8, 0.9]", steps.stream().map(step -> step.get("value").toString()).toList().toString());
        assertEquals("area", hitRatio.getJsonObject("fieldConfig").getJsonObject("defaults").getJsonObject("custom")
                .getJsonObject("thresholdsStyle").getString("mode"));
        assertTrue(panel(panels, "Lookups per second per level").toString().contains("cache_misses_total"));
        String loadTime = panel(panels, "Load time per level: p50, p95, p99").toString();
        for (String percentile : Set.of("p50", "p95", "p99")) {
            assertTrue(loadTime.contains("percentile=\\\"" + percentile), percentile + " in " + loadTime);
        }
        JsonObject redis = panel(panels, "Redis up or down, per node");
        assertEquals("state-timeline", redis.getString("type"));
        assertTrue(redis.toString().contains("redis_up"));
        JsonObject events = panel(panels, "Evictions and warm-ups");
        assertEquals("points", events.getJsonObject("fieldConfig").getJsonObject("defaults").getJsonObject("custom")
                .getString("drawStyle"));
        assertEquals(2, dashboard.getJsonObject("annotations").getJsonArray("list").size(), "eviction and warm-up markers");
    }

    /** Every query of the Grafana dashboard, panels and annotations, parses: promtool checks them as recording rules. */
    @Test
    void grafanaQueriesAreValidPromql() throws Exception {
        ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
        JsonObject dashboard = grafanaDashboard();
        StringBuilder rules = new StringBuilder("groups:\n  - name: grafana\n    rules:\n");
        int count = 0;
        for (JsonObject panel : dashboard.getJsonArray("panels").getValuesAs(JsonObject.class)) {
            for (JsonObject target : panel.getJsonArray("targets").getValuesAs(JsonObject.class)) {
                rules.append(rule("panel_" + panel.getInt("id") + "_" + target.getString("refId"), target.getString("expr")));
                count++;
            }
        }
        for (JsonObject annotation : dashboard.getJsonObject("annotations").getJsonArray("list").getValuesAs(JsonObject.class)) {
            rules.append(rule("annotation_" + count, annotation.getString("expr")));
            count++;
        }
        Path file = Files.writeString(Files.createDirectories(Path.of("target", "monitoring")).resolve("grafana-queries.yml"),
                rules.toString());

        ExternalTool.Result checked = promtool.run(60, null, "check", "rules", file.toString());

        assertEquals(0, checked.exitCode(), checked.report() + "\n" + rules);
        assertTrue(checked.report().contains("SUCCESS: " + count + " rules found"), checked.report());
    }

    private static String rule(String name, String expr) {
        // A YAML double-quoted string: backslashes and quotes escaped.
        return "      - record: grafana:" + name + "\n        expr: \"" + expr.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n";
    }

    private static JsonObject grafanaDashboard() throws Exception {
        try (Reader file = Files.newBufferedReader(DASHBOARD); JsonReader reader = Json.createReader(file)) {
            return reader.readObject();
        }
    }

    private static JsonObject panel(java.util.List<JsonObject> panels, String title) {
        return panels.stream().filter(panel -> title.equals(panel.getString("title"))).findFirst()
                .orElseThrow(() -> new AssertionError("no panel " + title));
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
