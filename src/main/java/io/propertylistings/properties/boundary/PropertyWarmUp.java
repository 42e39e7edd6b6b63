package io.propertylistings.properties.boundary;

import io.propertylistings.caching.CacheWarming;
import io.propertylistings.caching.WarmUp;
import io.propertylistings.properties.entity.PropertyQuery;
import io.propertylistings.properties.entity.SchemaMigrated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The property entries worth having warm: the cached list ({@code all_properties}), the responses of
 * {@code GET /properties/} and of its first page, and the paths of {@code caching.warm.paths} (relative to the
 * application, such as {@code properties/?sort=-price&page=1} or {@code properties/42}). Each is made by the
 * same cached method a request calls ({@link PropertyListing}), with the same arguments a request would pass.
 */
@ApplicationScoped
public class PropertyWarmUp implements WarmUp {

    private static final Logger LOG = Logger.getLogger(PropertyWarmUp.class.getName());
    private static final Pattern LIST = Pattern.compile("properties/?(\\?(.*))?");
    private static final Pattern DETAIL = Pattern.compile("properties/([0-9]{1,18})");

    @Inject
    CacheWarming warming;

    @Inject
    PropertyCatalog catalog;

    @Inject
    PropertyListing listing;

    @Inject
    PropertyQueryReader queries;

    // Read through Config: not every server injects Optional<List<String>>.
    @Inject
    Config config;

    private boolean migrated;
    private boolean initialised;

    // Warming starts once both happened, in either order: the schema is migrated (the database can be read)
    // and the web application is initialised (the listing's links need its context path).
    void initialised(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        synchronized (this) {
            initialised = true;
        }
        startWhenReady();
    }

    void migrated(@Observes SchemaMigrated schema) {
        synchronized (this) {
            migrated = true;
        }
        startWhenReady();
    }

    private void startWhenReady() {
        synchronized (this) {
            if (!migrated || !initialised) {
                return;
            }
            migrated = false; // once
        }
        warming.ready();
    }

    @Override
    @ActivateRequestContext
    public void warm() {
        catalog.all();
        listing.list(PropertyQuery.EVERYTHING);
        listing.list(PropertyQuery.EVERYTHING.onPage(new PropertyQuery.Page(1, PropertyQueryReader.DEFAULT_SIZE)));
        for (String path : config.getOptionalValues("caching.warm.paths", String.class).orElse(List.of())) {
            try {
                warm(path.trim().startsWith("/") ? path.trim().substring(1) : path.trim());
            } catch (RuntimeException refused) {
                // A configured path that does not answer 200 (an unknown id, a bad query) has nothing to cache;
                // a failing database leaves the entry to the next reader, as it would without warming.
                LOG.fine(() -> "Nothing warmed for " + path + ": " + refused);
            }
        }
    }

    private void warm(String path) {
        Matcher list = LIST.matcher(path);
        Matcher detail = DETAIL.matcher(path);
        if (list.matches()) {
            listing.list(queries.read(parameters(list.group(2)), Optional.empty()));
        } else if (detail.matches()) {
            listing.detail(Long.parseLong(detail.group(1)));
        } else if (!path.isEmpty()) {
            LOG.warning(() -> "caching.warm.paths: " + path + " is not a cached GET of this service; ignored");
        }
    }

    private static MultivaluedMap<String, String> parameters(String query) {
        MultivaluedMap<String, String> parameters = new MultivaluedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.add(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }
}
