package io.propertylistings.caching;

import java.util.List;

/**
 * What a committed change makes stale. Every answer built from the set of rows (a list, a page, a caller's own
 * list) depends on every change; a detail depends on its own row. So an eviction drops the former, and the
 * details of the rows it names, or every detail. {@code change} names the change (empty: none), so that its
 * eviction is made once, however many nodes hear of it.
 */
public record Eviction(String change, boolean everything, List<Long> rows) {

    public static Eviction everything(String change) {
        return new Eviction(change, true, List.of());
    }

    public static Eviction rows(String change, List<Long> rows) {
        return new Eviction(change, false, List.copyOf(rows));
    }

    /** This eviction for no change in particular: made even if the change's was made already. */
    Eviction anew() {
        return new Eviction("", everything, rows);
    }
}
