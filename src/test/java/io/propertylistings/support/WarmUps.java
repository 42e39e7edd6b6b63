package io.propertylistings.support;

import java.time.Duration;

/**
 * Waits for the service's background cache warm-ups, from its metrics. Every request for a warm-up (the
 * deployment's, and one per eviction of the response level) either starts a warm-up, counted in
 * {@code cache_warmups_total} when it is done, or joins one already due ({@code cache_warmups_skipped_total}).
 * So once warm-ups plus skipped equal evictions plus one, every eviction so far is covered by a finished
 * warm-up, whatever the timing.
 */
public final class WarmUps {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private WarmUps() {
    }

    /** The scrape that showed every warm-up done; fails after a deadline. */
    public static MetricsScrape awaitAllDone(Http http) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        MetricsScrape scrape = MetricsScrape.of(http);
        while (!allDone(scrape)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("warm-ups not done within " + DEADLINE + ": warm-ups "
                        + scrape.cache("warmups", "response") + ", skipped " + scrape.cache("warmups_skipped", "response")
                        + ", evictions " + scrape.cache("evictions", "response"));
            }
            Waiting.betweenPolls(20);
            scrape = MetricsScrape.of(http);
        }
        return scrape;
    }

    static boolean allDone(MetricsScrape scrape) {
        return scrape.cache("warmups", "response") + scrape.cache("warmups_skipped", "response")
                == scrape.cache("evictions", "response") + 1;
    }

}
