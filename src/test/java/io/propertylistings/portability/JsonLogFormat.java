package io.propertylistings.portability;

/**
 * The member names a server's JSON formatter gives the four things every log line carries. Each server names them
 * itself; a log shipper is configured with these names.
 */
record JsonLogFormat(String timestamp, String level, String logger, String message) {

    /** Payara's {@code JSONLogFormatter} (server-config/payara/logging-json.properties). */
    static final JsonLogFormat PAYARA = new JsonLogFormat("Timestamp", "Level", "LoggerName", "LogMessage");

    /** Liberty's {@code WLP_LOGGING_CONSOLE_FORMAT=json}: a message record ({@code type} liberty_message). */
    static final JsonLogFormat OPENLIBERTY = new JsonLogFormat("ibm_datetime", "loglevel", "module", "message");

    /** WildFly's {@code json-formatter} (server-config/wildfly/configure.cli, json-logs.cli). */
    static final JsonLogFormat WILDFLY = new JsonLogFormat("timestamp", "level", "loggerName", "message");
}
