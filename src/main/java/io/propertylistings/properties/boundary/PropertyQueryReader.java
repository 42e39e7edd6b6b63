package io.propertylistings.properties.boundary;

import io.propertylistings.platform.boundary.Problem.Violation;
import io.propertylistings.platform.boundary.InvalidRequestException;
import io.propertylistings.properties.entity.PropertyQuery;
import io.propertylistings.security.boundary.SecurityConfiguration;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.MultivaluedMap;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the query string of {@code GET /properties/} into a canonical {@link PropertyQuery}: the cache key
 * comes from it, so every spelling of one query shares one entry. Unknown or repeated parameters are refused. {@code mine=true} limits the
 * list to the caller's own properties and needs credentials (401 without).
 */
@ApplicationScoped
public class PropertyQueryReader {

    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    static final int MAX_PAGE = 1_000_000;
    private static final Set<String> PARAMETERS = Set.of("page", "size", "location", "min_price", "max_price", "sort",
            "mine");
    private static final Pattern PRICE = Pattern.compile("\\d{1,8}(\\.\\d{1,2})?");

    /** {@code caller}: the authenticated user's name, if any. */
    public PropertyQuery read(MultivaluedMap<String, String> parameters, Optional<String> caller) {
        List<Violation> problems = new ArrayList<>();
        for (var parameter : parameters.entrySet()) {
            if (!PARAMETERS.contains(parameter.getKey())) {
                problems.add(new Violation(shorten(parameter.getKey()), "unknown parameter"));
            } else if (parameter.getValue().size() > 1) {
                problems.add(new Violation(parameter.getKey(), "must be given once"));
            }
        }
        Optional<String> location = Optional.ofNullable(parameters.getFirst("location"));
        location.filter(value -> value.isBlank() || value.length() > 100)
                .ifPresent(value -> problems.add(new Violation("location", "must be 1 to 100 characters")));
        Optional<BigDecimal> minPrice = price(parameters, "min_price", problems);
        Optional<BigDecimal> maxPrice = price(parameters, "max_price", problems);
        if (minPrice.isPresent() && maxPrice.isPresent() && minPrice.get().compareTo(maxPrice.get()) > 0) {
            problems.add(new Violation("min_price", "must not be greater than max_price"));
        }
        PropertyQuery.Sort sort = PropertyQuery.Sort.ID;
        String sortParameter = parameters.getFirst("sort");
        if (sortParameter != null) {
            Optional<PropertyQuery.Sort> chosen = PropertyQuery.Sort.of(sortParameter);
            if (chosen.isEmpty()) {
                problems.add(new Violation("sort", "must be one of created_at, -created_at, price, -price"));
            }
            sort = chosen.orElse(sort);
        }
        Optional<Integer> page = number(parameters, "page", MAX_PAGE, problems);
        Optional<Integer> size = number(parameters, "size", MAX_SIZE, problems);
        String mine = parameters.getFirst("mine");
        if (mine != null && !"true".equals(mine) && !"false".equals(mine)) {
            problems.add(new Violation("mine", "must be true or false"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("the query is not valid", problems);
        }
        Optional<String> owner = Optional.empty();
        if ("true".equals(mine)) {
            owner = Optional.of(caller.orElseThrow(() -> new NotAuthorizedException(
                    "credentials are required for mine=true", SecurityConfiguration.challenge())));
        }
        Optional<PropertyQuery.Page> paging = page.isPresent() || size.isPresent()
                ? Optional.of(new PropertyQuery.Page(page.orElse(1), size.orElse(DEFAULT_SIZE)))
                : Optional.empty();
        // Canonical values: the location matches case-insensitively, and a price has one spelling.
        return new PropertyQuery(location.map(value -> value.toLowerCase(Locale.ROOT)), minPrice, maxPrice, sort,
                paging, owner);
    }

    private static Optional<BigDecimal> price(MultivaluedMap<String, String> parameters, String name,
            List<Violation> problems) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!PRICE.matcher(value).matches()) {
            problems.add(new Violation(name, "must be a price from 0 to 99999999.99"));
            return Optional.empty();
        }
        return Optional.of(new BigDecimal(value).setScale(2));
    }

    private static Optional<Integer> number(MultivaluedMap<String, String> parameters, String name, int max,
            List<Violation> problems) {
        String value = parameters.getFirst(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.matches("\\d{1,7}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            problems.add(new Violation(name, "must be a whole number from 1 to " + max));
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(value));
    }

    private static String shorten(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "...";
    }
}
