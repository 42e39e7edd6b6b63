package io.propertylistings.properties.entity;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Filters, order and page of a property listing. Empty parts mean "no restriction". {@code owner}: only the
 * properties this user created ({@code mine=true}).
 */
public record PropertyQuery(
        Optional<String> location,
        Optional<BigDecimal> minPrice,
        Optional<BigDecimal> maxPrice,
        Sort sort,
        Optional<Page> page,
        Optional<String> owner) {

    public static final PropertyQuery EVERYTHING = new PropertyQuery(Optional.empty(), Optional.empty(),
            Optional.empty(), Sort.ID, Optional.empty(), Optional.empty());

    public record Page(int number, int size) {

        public int offset() {
            return (number - 1) * size;
        }
    }

    /** The orders a client may ask for; each ends on id, so pages never overlap. */
    public enum Sort {
        ID("id", "p.id"),
        CREATED_AT("created_at", "p.createdAt, p.id"),
        CREATED_AT_DESC("-created_at", "p.createdAt DESC, p.id DESC"),
        PRICE("price", "p.price, p.id"),
        PRICE_DESC("-price", "p.price DESC, p.id");

        private final String parameter;
        private final String jpql;

        Sort(String parameter, String jpql) {
            this.parameter = parameter;
            this.jpql = jpql;
        }

        public String parameter() {
            return parameter;
        }

        public String jpql() {
            return jpql;
        }

        public static Optional<Sort> of(String parameter) {
            for (Sort sort : values()) {
                if (sort != ID && sort.parameter.equals(parameter)) {
                    return Optional.of(sort);
                }
            }
            return Optional.empty();
        }
    }

    public boolean isEverything() {
        return equals(EVERYTHING);
    }
}
