package io.propertylistings.properties.entity;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.PostPersist;
import jakarta.persistence.PostRemove;
import jakarta.persistence.PostUpdate;

/**
 * Turns JPA life-cycle callbacks into CDI events. The callbacks run inside the transaction, before it
 * commits; observers that touch caches must use {@code TransactionPhase.AFTER_SUCCESS}.
 */
public class PropertyChangeListener {

    @Inject
    Event<PropertyChanged> changes;

    @PostPersist
    void created(Property property) {
        changes.fire(new PropertyChanged(property.getId(), PropertyChanged.Kind.CREATED));
    }

    @PostUpdate
    void updated(Property property) {
        changes.fire(new PropertyChanged(property.getId(), PropertyChanged.Kind.UPDATED));
    }

    @PostRemove
    void deleted(Property property) {
        changes.fire(new PropertyChanged(property.getId(), PropertyChanged.Kind.DELETED));
    }
}
