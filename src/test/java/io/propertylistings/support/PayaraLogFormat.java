package io.propertylistings.support;

import java.io.Console;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The console log format of a Payara Micro started here, from {@code LOG_FORMAT} ({@code text}, the default, or
 * {@code json}): one of the logging properties files in server-config/payara/, given with {@code --logproperties}.
 */
public enum PayaraLogFormat {

    TEXT(Path.of("server-config", "payara", "logging-text.properties")),
    JSON(Path.of("server-config", "payara", "logging-json.properties"));

    private final Path properties;

    PayaraLogFormat(Path properties) {
        this.properties = properties;
    }

    public static PayaraLogFormat of(Map<String, String> environment) {
        String format = environment.getOrDefault("LOG_FORMAT", "text").trim().toLowerCase(Locale.ROOT);
        return switch (format) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("LOG_FORMAT is text or json, not " + format);
        };
    }

    /**
     * The Payara Micro options for this format on a console that is, or is not, a terminal. Text on a terminal
     * keeps Payara's own configuration, which colours the level and the logger; its colours cannot follow the
     * console, so anywhere else they are switched off.
     */
    public List<String> microOptions(boolean terminal) {
        if (this == TEXT && terminal) {
            return List.of();
        }
        return List.of("--logproperties", properties.toAbsolutePath().toString());
    }

    /** Whether this JVM's console is a terminal (not a file or a pipe). */
    public static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // From Java 22 there is a Console even when the output is redirected; isTerminal tells.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException beforeJava22) {
            return true;
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
