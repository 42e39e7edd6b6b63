package io.propertylistings.bench;

import io.propertylistings.support.DemoText;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import org.postgresql.PGConnection;

/**
 * Fills the property table straight through JDBC {@code COPY}, as fast as PostgreSQL takes it. Rows are
 * generated, varied and deterministic, about 300 bytes each once rendered as JSON. The service does not see
 * them until its caches are evicted (the benchmark then writes one property through the API).
 */
final class Seeder {

    private static final List<String> KINDS = List.of("Apartment", "Townhouse", "Studio", "Villa", "Loft", "Cottage",
            "Penthouse", "Duplex", "Bungalow", "Maisonette");
    private static final List<String> PLACES = List.of("New York", "Nairobi", "Lagos", "Berlin", "Lisbon", "Tokyo",
            "Accra", "Toronto", "Kigali", "Cape Town", "Mumbai", "Sao Paulo", "Madrid", "Seoul", "Dakar", "Oslo");
    private static final List<String> FEATURES = List.of("a balcony", "a fitted kitchen", "parking for two cars",
            "a garden", "floor heating", "a roof terrace", "a home office", "a lift", "sea views", "a fireplace",
            "a storage room", "solar panels", "a shared pool", "high ceilings", "a laundry room", "double glazing");
    private static final List<String> NEARBY = List.of("transport and shops", "schools and parks",
            "the old town", "the university", "the business district", "the beach", "a hospital", "the market");
    private static final int BATCH = 5_000;

    private Seeder() {
    }

    static long count(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM property")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** Adds rows until the table holds {@code total}; answers how many were added. */
    static long fillTo(Connection connection, long total) throws SQLException, IOException {
        long present = count(connection);
        long start = present;
        var copy = connection.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder rows = new StringBuilder();
        for (long i = present + 1; i <= total; i++) {
            row(rows, i);
            if (i % BATCH == 0 || i == total) {
                copy.copyIn("COPY property (title, description, price, location, created_at) FROM STDIN",
                        new StringReader(rows.toString()));
                rows.setLength(0);
            }
        }
        return total - start;
    }

    /** Row {@code i} as COPY reads it: title, description, price, location, created_at, tab-separated. */
    static void row(StringBuilder rows, long i) {
        long mix = i * 2654435761L;
        String kind = KINDS.get((int) Math.floorMod(mix, KINDS.size()));
        String place = PLACES.get((int) Math.floorMod(mix >>> 8, PLACES.size()));
        String first = FEATURES.get((int) Math.floorMod(mix >>> 12, FEATURES.size()));
        String second = FEATURES.get((int) Math.floorMod((mix >>> 16) + 5, FEATURES.size()));
        String near = NEARBY.get((int) Math.floorMod(mix >>> 20, NEARBY.size()));
        int rooms = 1 + (int) Math.floorMod(mix >>> 24, 6);
        String title = kind + " " + i + " in " + place;
        String description = String.format(Locale.ROOT,
                "%s in %s with %s, %s and %s, close to %s. Energy class %c, %d m2, ref %d, available from month %d.",
                DemoText.sentenceStart(kind), place, DemoText.rooms(rooms), first, second, near,
                (char) ('A' + Math.floorMod(mix >>> 28, 6)),
                30 + Math.floorMod(mix >>> 6, 170), i, 1 + Math.floorMod(mix >>> 4, 12));
        long cents = 5_000_000L + Math.floorMod(mix, 95_000_000L);
        String created = String.format(Locale.ROOT, "2025-%02d-%02dT%02d:%02d:%02dZ", 1 + Math.floorMod(i, 12),
                1 + Math.floorMod(i * 7, 28), Math.floorMod(i * 3, 24), Math.floorMod(i, 60), Math.floorMod(i * 13, 60));
        rows.append(title).append('\t').append(description).append('\t')
                .append(cents / 100).append('.').append(String.format(Locale.ROOT, "%02d", cents % 100)).append('\t')
                .append(place).append('\t').append(created).append('\n');
    }
}
