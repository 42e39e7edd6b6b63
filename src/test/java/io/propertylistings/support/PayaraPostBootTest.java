package io.propertylistings.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PayaraPostBootTest {

    private static final Map<String, String> ENVIRONMENT = Map.of(
            "PROPERTIES_DB_HOST", "127.0.0.1",
            "PROPERTIES_DB_PORT", "5432",
            "PROPERTIES_DB_NAME", "alx_caching_db",
            "PROPERTIES_DB_USER", "alx_user",
            "PROPERTIES_DB_PASSWORD", "pa:ss$1\\");

    @Test
    void fillsEveryReferenceAndEscapesColons(@TempDir Path directory) throws Exception {
        String rendered = Files.readString(PayaraPostBoot.render(ENVIRONMENT, directory.resolve("post-boot.asadmin")));
        assertFalse(rendered.contains("${ENV="), rendered);
        assertTrue(rendered.contains("serverName=127.0.0.1:portNumber=5432:databaseName=alx_caching_db"), rendered);
        assertTrue(rendered.contains("password=pa\\:ss$1\\ properties-pool"), rendered);
        assertTrue(rendered.contains("create-jdbc-resource --connectionpoolid=properties-pool jdbc/properties"), rendered);
    }

    @Test
    void refusesAMissingValue(@TempDir Path directory) {
        assertThrows(IllegalArgumentException.class,
                () -> PayaraPostBoot.render(Map.of("PROPERTIES_DB_HOST", "h"), directory.resolve("x")));
    }
}
