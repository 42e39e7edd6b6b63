package io.propertylistings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the benchmark reads about a process from /proc. */
final class Processes {

    private Processes() {
    }

    /** The CPU time the process has used, user and system, in ms. */
    static double cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of stat(5), in clock ticks of 10 ms (USER_HZ 100 on Linux).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10.0;
    }
}
