package io.propertylistings.properties.control;

import io.propertylistings.properties.entity.Property;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** PostgreSQL access through JPA; transactions belong to the caller. */
@ApplicationScoped
public class PropertyStore {

    @PersistenceContext(unitName = "properties")
    EntityManager em;

    public List<Property> findAll() {
        return em.createNamedQuery(Property.ALL, Property.class).getResultList();
    }

    public Optional<Property> find(long id) {
        return Optional.ofNullable(em.find(Property.class, id));
    }

    /** Inserts at once, so the generated id is known to the caller. */
    public Property add(Property property) {
        em.persist(property);
        em.flush();
        return property;
    }

    public void flush() {
        em.flush();
    }

    public void remove(Property property) {
        em.remove(property);
        em.flush();
    }
}
