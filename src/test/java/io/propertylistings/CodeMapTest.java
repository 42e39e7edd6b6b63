package io.propertylistings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code map of docs/architecture.md against the code: every class of the parts it maps is in it, every class
 * it names exists, and in the cache's parts (one package each, internals package-private) exactly the types it
 * marks as the public face are public.
 */
class CodeMapTest {

    private static final Path MAIN = Path.of("src/main/java/io/propertylistings");
    private static final Set<String> MAPPED = Set.of("properties", "responsecache", "caching", "redis", "gzip",
            "changes");
    private static final Set<String> FLAT = Set.of("responsecache", "caching", "redis", "gzip");
    private static final Pattern NAME = Pattern.compile("(\\*\\*)?`([A-Z]\\w*[a-z]\\w*)`");

    @Test
    void theCodeMapNamesEveryClassOfTheCachePartsAndOnlyClassesThatExist() throws IOException {
        Map<String, Boolean> named = named();
        Map<String, String> classes = classes();

        Set<String> unnamed = new TreeSet<>();
        classes.forEach((name, part) -> {
            if (MAPPED.contains(part) && !named.containsKey(name)) {
                unnamed.add(part + "." + name);
            }
        });
        assertEquals(Set.of(), unnamed, "classes the code map leaves out");
        Set<String> missing = new TreeSet<>(named.keySet());
        missing.removeAll(classes.keySet());
        assertEquals(Set.of(), missing, "names in the code map that are no class of src/main/java");
    }

    @Test
    void eachCachePartIsPublicOnlyInTheFaceTheCodeMapShows() throws IOException {
        Map<String, Boolean> named = named();
        for (String part : FLAT) {
            Set<String> faces = new TreeSet<>();
            Set<String> shown = new TreeSet<>();
            try (Stream<Path> files = Files.list(MAIN.resolve(part))) {
                for (Path file : files.filter(CodeMapTest::isClass).toList()) {
                    String name = file.getFileName().toString().replace(".java", "");
                    if (Files.readAllLines(file).stream().anyMatch(line -> line.startsWith("public "))) {
                        faces.add(name);
                    }
                    if (Boolean.TRUE.equals(named.get(name))) {
                        shown.add(name);
                    }
                }
            }
            assertEquals(shown, faces, part + ": public types against the face in the code map");
            assertTrue(faces.size() <= 12, part + " shows " + faces.size() + " public types: more than fits a screen");
        }
    }

    /** Each class named in the code map's tables, and whether it is shown as a public face (in bold). */
    private static Map<String, Boolean> named() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        String map = doc.substring(doc.indexOf("## Code map"));
        Map<String, Boolean> named = new TreeMap<>();
        for (String line : map.lines().filter(line -> line.startsWith("| ")).toList()) {
            Matcher name = NAME.matcher(line.substring(0, line.indexOf(" | ", 2) + 1));
            while (name.find()) {
                named.put(name.group(2), name.group(1) != null);
            }
        }
        assertTrue(named.size() > 20, "the code map names classes in its tables' first column: " + named);
        return named;
    }

    /** Every class of src/main/java, with the part (first package below io.propertylistings) it is in. */
    private static Map<String, String> classes() throws IOException {
        Map<String, String> classes = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(CodeMapTest::isClass).forEach(file -> classes.put(
                    file.getFileName().toString().replace(".java", ""),
                    MAIN.relativize(file).getName(0).toString()));
        }
        return classes;
    }

    private static boolean isClass(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".java") && !name.equals("package-info.java");
    }
}
