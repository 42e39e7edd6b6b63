package io.propertylistings.support;

/** Where the application's database is, as the server's datasource sees it. */
public record DatabaseSettings(String host, int port, String database, String user, String password) {

    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
}
