package io.propertylistings.properties.control;

import io.propertylistings.properties.entity.Property;
import io.propertylistings.properties.entity.PropertyQuery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** PostgreSQL access through JPA; transactions belong to the caller. */
@ApplicationScoped
public class PropertyStore {

    @PersistenceContext(unitName = "properties")
    EntityManager em;

    public List<Property> findAll() {
        return em.createNamedQuery(Property.ALL, Property.class).getResultList();
    }

    /** One page (or all) of the properties that match, in the query's order. */
    public List<Property> search(PropertyQuery query) {
        TypedQuery<Property> search = em.createQuery(
                "SELECT p FROM Property p" + where(query) + " ORDER BY " + query.sort().jpql(), Property.class);
        bind(search, query);
        query.page().ifPresent(page -> search.setFirstResult(page.offset()).setMaxResults(page.size()));
        return search.getResultList();
    }

    public long count(PropertyQuery query) {
        TypedQuery<Long> count = em.createQuery("SELECT COUNT(p) FROM Property p" + where(query), Long.class);
        bind(count, query);
        return count.getSingleResult();
    }

    // Only fixed JPQL text is concatenated; every value is a bound parameter.
    private static String where(PropertyQuery query) {
        List<String> conditions = new ArrayList<>();
        query.location().ifPresent(location -> conditions.add("LOWER(p.location) = :location"));
        query.minPrice().ifPresent(price -> conditions.add("p.price >= :minPrice"));
        query.maxPrice().ifPresent(price -> conditions.add("p.price <= :maxPrice"));
        query.owner().ifPresent(owner -> conditions.add("p.owner = :owner"));
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    private static void bind(TypedQuery<?> jpql, PropertyQuery query) {
        query.location().ifPresent(location -> jpql.setParameter("location", location.toLowerCase(Locale.ROOT)));
        query.minPrice().ifPresent(price -> jpql.setParameter("minPrice", price));
        query.maxPrice().ifPresent(price -> jpql.setParameter("maxPrice", price));
        query.owner().ifPresent(owner -> jpql.setParameter("owner", owner));
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
