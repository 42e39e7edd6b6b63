package io.propertylistings.properties.boundary;

import io.propertylistings.caching.control.CacheWarming;
import io.propertylistings.caching.control.CachedRequest;
import io.propertylistings.caching.control.WarmUp;
import io.propertylistings.caching.control.WarmUpScope;
import io.propertylistings.caching.control.WarmUpUriInfo;
import io.propertylistings.properties.entity.SchemaMigrated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;

/**
 * The property entries worth having warm: the cached list ({@code all_properties}), the responses of
 * {@code GET /properties/} and of its first page ({@code ?page=1}), and the paths of {@code caching.warm.paths}
 * (relative to the application, such as {@code properties/?sort=-price&page=1} or {@code properties/42}).
 *
 * <p>Each response is made by calling the resource method on its CDI bean under a {@link WarmUpScope}: the
 * same code, cache interceptor, single flight and generation check as a request, and the same bytes and ETag.
 * Not a loopback HTTP GET: that needs the service's own public URL, which a server does not reliably know at
 * deployment (ports, proxies), and it would pass through authentication and count as a client request.
 */
@ApplicationScoped
public class PropertyWarmUp implements WarmUp {

    private static final Logger LOG = Logger.getLogger(PropertyWarmUp.class.getName());
    static final List<String> BUILT_IN = List.of("properties/", "properties/?page=1");
    private static final Pattern LIST = Pattern.compile("properties/?");
    private static final Pattern DETAIL = Pattern.compile("properties/([0-9]{1,18})");

    @Inject
    CacheWarming warming;

    @Inject
    PropertyCatalog catalog;

    @Inject
    Instance<PropertiesResource> resources;

    // Read through Config: not every server injects Optional<List<String>>.
    @Inject
    Config config;

    private String contextPath;
    private boolean migrated;
    private boolean started;

    // Warming starts once both happened, in either order: the schema is migrated (the database can be read)
    // and the web application is initialised (its context path is known).
    void initialised(@Observes @Initialized(ApplicationScoped.class) ServletContext context) {
        synchronized (this) {
            contextPath = context.getContextPath();
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
            if (started || !migrated || contextPath == null) {
                return;
            }
            started = true;
        }
        warming.ready();
    }

    @Override
    @ActivateRequestContext
    public void warm() {
        catalog.warm();
        PropertiesResource resource = resources.get();
        for (String target : targets()) {
            try {
                warm(resource, target);
            } catch (RuntimeException refused) {
                // A configured path that does not answer 200 (an unknown id, a bad query) has nothing to cache;
                // a failing database leaves the entry to the next reader, as it would without warming.
                LOG.fine(() -> "Nothing warmed for " + target + ": " + refused);
            }
        }
    }

    private List<String> targets() {
        List<String> targets = new ArrayList<>(BUILT_IN);
        for (String path : config.getOptionalValues("caching.warm.paths", String.class).orElse(List.of())) {
            String relative = path.trim().startsWith("/") ? path.trim().substring(1) : path.trim();
            if (!relative.isEmpty() && !targets.contains(relative)) {
                targets.add(relative);
            }
        }
        return targets;
    }

    private void warm(PropertiesResource resource, String target) {
        int question = target.indexOf('?');
        String path = question < 0 ? target : target.substring(0, question);
        String query = question < 0 ? null : target.substring(question + 1);
        CachedRequest request = CachedRequest.warmUp(contextPath + "/" + path, query);
        Matcher detail = DETAIL.matcher(path);
        if (LIST.matcher(path).matches()) {
            WarmUpScope.run(request, () -> resource.list(new WarmUpUriInfo(contextPath, path, query),
                    WarmUpUriInfo.ANONYMOUS));
        } else if (detail.matches() && query == null) {
            WarmUpScope.run(request, () -> resource.detail(Long.parseLong(detail.group(1))));
        } else {
            LOG.warning(() -> "caching.warm.paths: " + target + " is not a cached GET of this service; ignored");
        }
    }
}
