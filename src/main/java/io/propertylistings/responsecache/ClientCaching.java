package io.propertylistings.responsecache;

import java.util.OptionalLong;
import org.eclipse.microprofile.config.ConfigProvider;

/** The operator's {@code max-age} for caches in front, read once: both ways a cached answer goes out use it. */
final class ClientCaching {

    private static volatile OptionalLong maxAgeSeconds;

    private ClientCaching() {
    }

    static OptionalLong maxAgeSeconds() {
        OptionalLong configured = maxAgeSeconds;
        if (configured == null) {
            configured = ConfigProvider.getConfig().getOptionalValue("caching.response.max-age-seconds", Long.class)
                    .map(OptionalLong::of).orElse(OptionalLong.empty());
            maxAgeSeconds = configured;
        }
        return configured;
    }
}
