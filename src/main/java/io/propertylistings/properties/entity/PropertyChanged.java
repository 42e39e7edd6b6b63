package io.propertylistings.properties.entity;

/** Fired by {@link PropertyChangeListener} inside the writing transaction; observers decide the phase. */
public record PropertyChanged(long id, Kind kind) {

    public enum Kind {
        CREATED, UPDATED, DELETED
    }
}
