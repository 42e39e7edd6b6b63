package io.propertylistings.health.control;

import java.util.Optional;

/** What one probe of a backing service found, and how long it took. */
public record ProbeOutcome(boolean up, long millis, Optional<String> failure) {
}
