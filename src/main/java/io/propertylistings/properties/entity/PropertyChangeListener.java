package io.propertylistings.properties.entity;

import io.propertylistings.properties.control.WriteTransactions;
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

    @Inject
    WriteTransactions transactions;

    @PostPersist
    void created(Property property) {
        changed(property, PropertyChanged.Kind.CREATED);
    }

    @PostUpdate
    void updated(Property property) {
        changed(property, PropertyChanged.Kind.UPDATED);
    }

    @PostRemove
    void deleted(Property property) {
        changed(property, PropertyChanged.Kind.DELETED);
    }

    private void changed(Property property, PropertyChanged.Kind kind) {
        changes.fire(new PropertyChanged(property.getId(), kind, transactions.current()));
    }
}
