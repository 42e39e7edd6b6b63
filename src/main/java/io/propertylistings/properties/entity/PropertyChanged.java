package io.propertylistings.properties.entity;

import java.util.Optional;

/**
 * Fired by {@link PropertyChangeListener} inside the writing transaction; observers decide the phase.
 * {@code transaction} is the database transaction's name when the write asked for it (see
 * {@code WriteTransactions}).
 */
public record PropertyChanged(long id, Kind kind, Optional<String> transaction) {

    public enum Kind {
        CREATED, UPDATED, DELETED
    }
}
