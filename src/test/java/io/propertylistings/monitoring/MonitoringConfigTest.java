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
                "cache_errors_total")) {
            assertTrue(dashboard.toString().contains(figure), "the dashboard does not show " + figure);
        }
    }

    private static long count(String text, char c) {
        return text.chars().filter(ch -> ch == c).count();
    }
}
