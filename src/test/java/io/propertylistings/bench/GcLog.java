package io.propertylistings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the server's GC log ({@code -Xlog:gc}) says about a run: full collections other than those the harness
 * asked for ({@code jcmd GC.run} before each memory reading), and the longest young pause.
 */
record GcLog(int fullCollections, int youngPauses, double longestYoungPauseMillis) {

    private static final Pattern PAUSE = Pattern.compile("Pause (Young|Full) \\(([^)]*)\\).* ([0-9.]+)ms$");

    static GcLog read(Path log) throws IOException {
        return of(Files.readAllLines(log));
    }

    static GcLog of(List<String> lines) {
        int full = 0;
        int young = 0;
        double longest = 0;
        for (String line : lines) {
            Matcher pause = PAUSE.matcher(line.trim());
            if (!pause.find()) {
                continue;
            }
            if (pause.group(1).equals("Full")) {
                if (!pause.group(2).equals("Diagnostic Command") && !pause.group(2).startsWith("System.gc")) {
                    full++;
                }
            } else {
                young++;
                longest = Math.max(longest, Double.parseDouble(pause.group(3)));
            }
        }
        return new GcLog(full, young, longest);
    }
}
