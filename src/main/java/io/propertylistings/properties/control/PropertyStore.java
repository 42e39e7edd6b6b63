package io.propertylistings.properties.control;

import io.propertylistings.properties.entity.Property;
import io.propertylistings.properties.entity.PropertyJsonWriter;
import io.propertylistings.properties.entity.PropertyQuery;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/** PostgreSQL access through JPA, and JDBC for the whole list; transactions belong to the caller. */
@ApplicationScoped
public class PropertyStore {

    private static final String ALL_ROWS =
            "SELECT id, title, description, price, location, created_at FROM property ORDER BY id";

    @PersistenceContext(unitName = "properties")
    EntityManager em;

    // The datasource persistence.xml names; JDBC here, since the list needs no entities, only their JSON.
    @Resource(lookup = "jdbc/properties")
    DataSource dataSource;

    /**
     * Writes every property, in id order, to {@code out} as the body of {@code GET /properties/}, row by row
     * from JDBC, and answers how many it wrote: {@code search(PropertyQuery.EVERYTHING)} without the entities.
     */
    public int writeAll(OutputStream out) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(ALL_ROWS);
                ResultSet rows = statement.executeQuery();
                PropertyJsonWriter json = PropertyJsonWriter.listBody(out)) {
            while (rows.next()) {
                // getTimestamp, not getObject(6, OffsetDateTime.class): Payara's JDBC wrapper runs the latter by
                // reflection, looking the method up on every row (bench/NOTES.md has the profile).
                json.write(rows.getLong(1), rows.getString(2), rows.getString(3), rows.getBigDecimal(4),
                        rows.getString(5), rows.getTimestamp(6).toInstant().atOffset(ZoneOffset.UTC));
            }
            return json.count();
        } catch (SQLException e) {
            throw new PersistenceException("reading the property list failed", e);
        }
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
