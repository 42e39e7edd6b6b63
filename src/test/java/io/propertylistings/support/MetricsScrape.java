package io.propertylistings.support;

import java.nio.charset.StandardCharsets;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One read of {@code /metrics} in Prometheus text, and the value of a sample in it. */
public record MetricsScrape(String text) {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?\\s+(\\S+)$", Pattern.MULTILINE);

    public static MetricsScrape of(Http http) {
        var response = http.get("/metrics?scope=application");
        if (response.statusCode() != 200) {
            throw new AssertionError("/metrics answered " + response.statusCode());
        }
        return new MetricsScrape(new String(response.body(), StandardCharsets.UTF_8));
    }

    /** The sample named {@code name} whose labels include every {@code label="value"} given. */
    public OptionalDouble value(String name, String... labels) {
        Matcher samples = SAMPLE.matcher(text);
        while (samples.find()) {
            if (!samples.group(1).equals(name)) {
                continue;
            }
            String sampleLabels = samples.group(2) == null ? "" : samples.group(2);
            boolean all = true;
            for (String label : labels) {
                all &= sampleLabels.contains(label);
            }
            if (all) {
                return OptionalDouble.of(Double.parseDouble(samples.group(3)));
            }
        }
        return OptionalDouble.empty();
    }

    public double require(String name, String... labels) {
        return value(name, labels).orElseThrow(() -> new AssertionError("no sample " + name + " in:\n" + text));
    }

    /** One of the per-level counters: {@code cache_<figure>_total{level="<level>"}}. */
    public long cache(String figure, String level) {
        return (long) require("cache_" + figure + "_total", "level=\"" + level + "\"");
    }

    /** The {@code # TYPE} line's type of a metric family, or empty. */
    public java.util.Optional<String> type(String family) {
        Matcher line = Pattern.compile("^# TYPE " + Pattern.quote(family) + " (\\S+)$", Pattern.MULTILINE).matcher(text);
        return line.find() ? java.util.Optional.of(line.group(1)) : java.util.Optional.empty();
    }
}
