package io.propertylistings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server's GC log ({@code -Xlog:gc::uptime}) says about a run: full collections other than those the
 * harness asked for ({@code jcmd GC.run} before each memory reading), during a load run and in all, and the
 * longest young pause.
 */
record GcLog(int fullCollections, int fullDuringLoads, int youngPauses, double longestYoungPauseMillis) {

    private static final Pattern PAUSE = Pattern.compile(
            "^\\[([0-9.]+)s\\].*Pause (Young|Full) \\(([^)]*)\\).* ([0-9.]+)ms$");

    /** {@code loads}: the load runs, as seconds of the server JVM's uptime, from and to. */
    static GcLog read(Path log, List<double[]> loads) throws IOException {
        return of(Files.readAllLines(log), loads);
    }

    static GcLog of(List<String> lines, List<double[]> loads) {
        int full = 0;
        int duringLoads = 0;
        int young = 0;
        double longest = 0;
        for (String line : lines) {
            Matcher pause = PAUSE.matcher(line.trim());
            if (!pause.find()) {
                continue;
            }
            if (pause.group(2).equals("Full")) {
                if (!pause.group(3).equals("Diagnostic Command") && !pause.group(3).startsWith("System.gc")) {
                    full++;
                    double at = Double.parseDouble(pause.group(1));
                    if (loads.stream().anyMatch(load -> at >= load[0] && at <= load[1])) {
                        duringLoads++;
                    }
                }
            } else {
                young++;
                longest = Math.max(longest, Double.parseDouble(pause.group(4)));
            }
        }
        return new GcLog(full, duringLoads, young, longest);
    }
}
