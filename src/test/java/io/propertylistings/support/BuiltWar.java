package io.propertylistings.support;

import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** What the integration tests deploy and count: the WAR exactly as the build made it, and its table's rows. */
public final class BuiltWar {

    private BuiltWar() {
    }

    public static WebArchive archive() {
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("it.war")));
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
