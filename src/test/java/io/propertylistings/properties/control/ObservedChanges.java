package io.propertylistings.properties.control;

import io.propertylistings.properties.entity.PropertyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test-only: records every change event as it is fired, inside the transaction. */
@ApplicationScoped
public class ObservedChanges {

    private final List<PropertyChanged> fired = new CopyOnWriteArrayList<>();

    void record(@Observes PropertyChanged change) {
        fired.add(change);
    }

    public List<PropertyChanged> fired() {
        return List.copyOf(fired);
    }
}
