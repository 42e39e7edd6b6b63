package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tests cannot set environment variables for the Payara JVM that Arquillian starts, so they render
 * server-config/payara/post-boot-commands.asadmin with the values in place of its {@code ${ENV=…}} references.
 */
public final class PayaraPostBoot {

    public static final Path TEMPLATE = Path.of("server-config", "payara", "post-boot-commands.asadmin");
    /** Settings that must be in place before the server starts (the HTTP thread pool); no references. */
    public static final Path PRE_BOOT = Path.of("server-config", "payara", "pre-boot-commands.asadmin");
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{ENV=([A-Z0-9_]+)}");

    private PayaraPostBoot() {
    }

    public static Path render(Map<String, String> environment, Path target) throws IOException {
        Matcher references = REFERENCE.matcher(Files.readString(TEMPLATE));
        StringBuilder rendered = new StringBuilder();
        while (references.find()) {
            String value = environment.get(references.group(1));
            if (value == null) {
                throw new IllegalArgumentException("no value for " + references.group(1));
            }
            // asadmin separates properties with ':'; a literal one is escaped.
            references.appendReplacement(rendered, Matcher.quoteReplacement(value.replace(":", "\\:")));
        }
        references.appendTail(rendered);
        Files.createDirectories(target.getParent());
        return Files.writeString(target, rendered);
    }
}
