package io.propertylistings.properties.entity;

import io.propertylistings.responsecache.CacheKeyed;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Filters, order and page of a property listing. Empty parts mean "no restriction". {@code owner}: only the
 * properties this user created ({@code mine=true}). Values are canonical (see {@code PropertyQueryReader}), so
 * two queries that ask the same thing are equal, have one {@link #queryString()} and share one cache entry.
 */
public record PropertyQuery(
        Optional<String> location,
        Optional<BigDecimal> minPrice,
        Optional<BigDecimal> maxPrice,
        Sort sort,
        Optional<Page> page,
        Optional<String> owner) implements CacheKeyed {

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

    /** The same query on another page. */
    public PropertyQuery onPage(Page other) {
        return new PropertyQuery(location, minPrice, maxPrice, sort, Optional.of(other), owner);
    }

    /** The query in one spelling: parameters in a fixed order, values canonical, defaults left out. */
    public String queryString() {
        List<String> parameters = new ArrayList<>();
        location.ifPresent(value -> parameters.add("location=" + encode(value)));
        minPrice.ifPresent(value -> parameters.add("min_price=" + value.toPlainString()));
        maxPrice.ifPresent(value -> parameters.add("max_price=" + value.toPlainString()));
        if (sort != Sort.ID) {
            parameters.add("sort=" + sort.parameter());
        }
        page.ifPresent(value -> {
            parameters.add("page=" + value.number());
            parameters.add("size=" + value.size());
        });
        owner.ifPresent(value -> parameters.add("mine=true"));
        return String.join("&", parameters);
    }

    @Override
    public String cacheKey() {
        return queryString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
