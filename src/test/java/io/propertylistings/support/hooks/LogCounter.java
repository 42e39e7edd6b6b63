package io.propertylistings.support.hooks;

import jakarta.json.Json;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Test-only, in a WAR of its own beside the application ({@link TestHooks}): counts the log records of the
 * application's loggers, FINE ones included, by their message (before parameters), and keeps the fields of the
 * last audit records, as JSON. Loggers are the JVM's, not the application's: it sees them from its own WAR. The production WAR has
 * nothing like it; {@link LogCountServlet} answers the figures.
 */
@WebListener
public class LogCounter implements ServletContextListener {

    static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();
    static final Deque<String> AUDIT = new ArrayDeque<>();

    // Strong references: java.util.logging keeps loggers weakly, and a collected logger loses its level.
    private static final Logger APPLICATION = Logger.getLogger("io.propertylistings");
    private static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record.getMessage() != null) {
                COUNTS.computeIfAbsent(record.getMessage(), message -> new AtomicLong()).incrementAndGet();
            }
            if ("io.propertylistings.audit".equals(record.getLoggerName())) {
                synchronized (AUDIT) {
                    AUDIT.addLast(fields(record));
                    while (AUDIT.size() > 1000) {
                        AUDIT.removeFirst();
                    }
                }
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** The record's last parameter, the map of its fields, as a JSON object. */
    @SuppressWarnings("unchecked")
    private static String fields(LogRecord record) {
        Object[] parameters = record.getParameters();
        if (parameters == null || parameters.length == 0 || !(parameters[parameters.length - 1] instanceof Map)) {
            return "no fields: " + record.getMessage();
        }
        return Json.createObjectBuilder((Map<String, Object>) parameters[parameters.length - 1]).build().toString();
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        HANDLER.setLevel(Level.ALL);
        APPLICATION.setLevel(Level.FINE);
        APPLICATION.addHandler(HANDLER);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        APPLICATION.removeHandler(HANDLER);
    }

    static List<String> audit() {
        synchronized (AUDIT) {
            return List.copyOf(AUDIT);
        }
    }
}
