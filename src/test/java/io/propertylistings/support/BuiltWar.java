package io.propertylistings.support;

import io.propertylistings.support.hooks.LogCountServlet;
import io.propertylistings.support.hooks.LogCounter;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests deploy and count: the WAR exactly as the build made it, and its table's rows. */
public final class BuiltWar {

    private BuiltWar() {
    }

    public static WebArchive archive() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
    }

    /**
     * The WAR as built, with cache warming off: for tests that count what one request loads right after a
     * write, which a background warm-up would otherwise race.
     */
    public static WebArchive withoutWarming() {
        return configured("caching.warm.enabled=false");
    }

    /**
     * The WAR as built plus a library holding one more {@code META-INF/microprofile-config.properties}, whose
     * ordinal (150) puts these settings above the WAR's defaults (100) and below system properties and the
     * environment. The built WAR itself stays unchanged.
     */
    public static WebArchive configured(String... settings) {
        StringBuilder properties = new StringBuilder("config_ordinal=150\n");
        for (String setting : settings) {
            properties.append(setting).append('\n');
        }
        JavaArchive config = ShrinkWrap.create(JavaArchive.class, "test-configuration.jar")
                .addAsManifestResource(new StringAsset(properties.toString()), "microprofile-config.properties");
        return archive().addAsLibrary(config);
    }

    /**
     * {@link #configured} plus a test-only library that counts the application's log records, FINE ones
     * included (see {@link io.propertylistings.support.hooks.LogCounter}): how tests count PBKDF2 checks and
     * readiness probes, which the production WAR does not expose.
     */
    public static WebArchive withTestHooks(String... settings) {
        JavaArchive hooks = ShrinkWrap.create(JavaArchive.class, "test-hooks.jar")
                .addClasses(LogCounter.class, LogCountServlet.class);
        return configured(settings).addAsLibrary(hooks);
    }

    public static long propertyRows() throws Exception {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM property")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
