package io.propertylistings.properties.boundary;

import io.propertylistings.properties.entity.SchemaMigrated;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with Flyway before the application takes requests, then says so
 * ({@link SchemaMigrated}), which starts the first cache warm-up.
 */
@Startup
@Singleton
public class DatabaseMigration {

    private static final Logger LOG = Logger.getLogger(DatabaseMigration.class.getName());

    @Resource(lookup = "jdbc/properties")
    DataSource dataSource;

    @Inject
    @ConfigProperty(name = "properties.admin.username")
    Optional<String> adminName;

    @Inject
    Event<SchemaMigrated> migrated;

    @PostConstruct
    // Flyway commits its own work; a container transaction around it would forbid that.
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        var result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                // V2 gives the rows that existed before owners the admin as owner. A placeholder is plain text
                // in the SQL, so the name goes in as the body of a string literal: quotes doubled.
                .placeholders(Map.of("existing_owner", adminName.orElse("").replace("'", "''")))
                .load()
                .migrate();
        LOG.info(() -> "Database schema at version " + result.targetSchemaVersion
                + " (" + result.migrationsExecuted + " migrations applied now)");
        migrated.fire(new SchemaMigrated(result.targetSchemaVersion));
    }
}
