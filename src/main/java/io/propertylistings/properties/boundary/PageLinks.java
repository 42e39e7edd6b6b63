package io.propertylistings.properties.boundary;

import io.propertylistings.properties.entity.PropertyQuery;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * RFC 8288 {@code next}/{@code prev} links of a page. Path-absolute, without scheme and host: the response is
 * cached and shared, and the Host of one request must not show up in the answer to another.
 */
final class PageLinks {

    private PageLinks() {
    }

    static Map<String, String> of(UriInfo uri, PropertyQuery.Page page, long total) {
        List<String> links = new ArrayList<>();
        if (page.number() > 1) {
            links.add(link(uri, page.number() - 1, page.size(), "prev"));
        }
        if ((long) page.number() * page.size() < total) {
            links.add(link(uri, page.number() + 1, page.size(), "next"));
        }
        return links.isEmpty() ? Map.of() : Map.of("Link", String.join(", ", links));
    }

    private static String link(UriInfo uri, int number, int size, String relation) {
        var target = uri.getRequestUriBuilder().replaceQueryParam("page", number).replaceQueryParam("size", size).build();
        String query = target.getRawQuery();
        return "<" + target.getRawPath() + (query == null ? "" : "?" + query) + ">; rel=\"" + relation + "\"";
    }
}
