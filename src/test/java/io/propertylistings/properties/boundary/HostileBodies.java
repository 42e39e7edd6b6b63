package io.propertylistings.properties.boundary;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Request bodies a hostile or broken client sends, each wrong in at least one way, so none may create or
 * change a row. Generated from a fixed seed: a failure names the body and is reproducible.
 */
final class HostileBodies {

    private static final List<String> FRAGMENTS = List.of(
            "'; DROP TABLE property; --", "\" OR 1=1 --", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "\\u0000", "\\ud83d\\ude00", "Ünïcødé", "%00", "../../etc/passwd", "{{7*7}}", "\\\\", "\\n\\r\\t");
    private static final List<String> VALUES = List.of(
            "null", "true", "false", "0", "-1", "1e309", "-1e309", "1e-400", "123456789012345678901234567890",
            "0.001", "99999999999.99", "\"\"", "\"   \"", "[]", "{}", "[1,2,3]", "{\"a\":1}", "\"12.345\"",
            "\"abc\"", "1E2147483647", "-0.0");

    private HostileBodies() {
    }

    static List<String> generate(int count) {
        Random random = new Random(20251125L);
        List<String> bodies = new ArrayList<>(List.of(
                "", " ", "null", "[]", "\"text\"", "42", "{", "}", "{\"title\":}", "{\"title\" \"x\"}",
                "{\"title\":\"t\",}", "{'title':'t'}", "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "{\"title\":\"" + "x".repeat(201) + "\",\"description\":\"d\",\"price\":1,\"location\":\"l\"}",
                "{\"title\":\"t\",\"description\":\"d\",\"price\":1,\"location\":\"" + "l".repeat(101) + "\"}",
                "{\"title\":\"t\",\"description\":\"d\",\"price\":1,\"location\":\"l\",\"id\":1}",
                "{\"title\":\"t\",\"description\":\"d\",\"price\":1,\"location\":\"l\",\"created_at\":\"2020-01-01T00:00:00Z\"}"));
        while (bodies.size() < count) {
            bodies.add(randomBody(random));
        }
        return bodies;
    }

    /** A body with the four fields, at least one of them broken. */
    private static String randomBody(Random random) {
        String[] fields = {"title", "description", "price", "location"};
        int broken = random.nextInt(fields.length + 1); // == length: an unknown field instead
        StringBuilder body = new StringBuilder("{");
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                body.append(',');
            }
            body.append('"').append(fields[i]).append("\":");
            if (i == broken) {
                body.append(brokenValue(fields[i], random));
            } else if (fields[i].equals("price")) {
                body.append(random.nextInt(100000)).append('.').append(random.nextInt(10));
            } else {
                body.append('"').append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size()))).append('"');
            }
        }
        if (broken == fields.length) {
            body.append(",\"").append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())).replace("\"", "")).append("\":1");
        }
        return body.append('}').toString();
    }

    private static String brokenValue(String field, Random random) {
        String value;
        do {
            value = VALUES.get(random.nextInt(VALUES.size()));
        } while (field.equals("price") ? acceptablePrice(value) : value.startsWith("\"") && !value.isBlank()
                && !value.equals("\"\"") && !value.equals("\"   \""));
        return value;
    }

    private static boolean acceptablePrice(String value) {
        return List.of("0", "-0.0", "\"abc\"").contains(value) ? !value.equals("\"abc\"") : false;
    }
}
