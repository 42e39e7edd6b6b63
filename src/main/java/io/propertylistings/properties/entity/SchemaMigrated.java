package io.propertylistings.properties.entity;

/** Fired once Flyway has brought the schema up to date: from then on the database can be read. */
public record SchemaMigrated(String version) {
}
