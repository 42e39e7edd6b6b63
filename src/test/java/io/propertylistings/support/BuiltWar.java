package io.propertylistings.support;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * What Arquillian deploys for the in-container tests (the WAR exactly as the build made it, with settings and
 * classes added), and the rows of its table. The shared servers run the WAR itself ({@link TestServer}).
 */
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

    public static long propertyRows() throws Exception {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM property")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
