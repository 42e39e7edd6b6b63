package io.propertylistings.properties.boundary;

import io.propertylistings.properties.entity.PropertyQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8288 {@code next}/{@code prev} links of a page, in the query's canonical spelling. Path-absolute, without
 * scheme and host: the response is cached and shared, and the Host of one request must not show up in the
 * answer to another.
 */
final class PageLinks {

    private PageLinks() {
    }

    static Map<String, String> of(String listPath, PropertyQuery query, long total) {
        PropertyQuery.Page page = query.page().orElseThrow();
        List<String> links = new ArrayList<>();
        if (page.number() > 1) {
            links.add(link(listPath, query, page.number() - 1, "prev"));
        }
        if ((long) page.number() * page.size() < total) {
            links.add(link(listPath, query, page.number() + 1, "next"));
        }
        return links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links));
    }

    private static String link(String listPath, PropertyQuery query, int number, String relation) {
        PropertyQuery target = query.onPage(new PropertyQuery.Page(number, query.page().orElseThrow().size()));
        return "<" + listPath + "?" + target.queryString() + ">; rel=\"" + relation + "\"";
    }
}
