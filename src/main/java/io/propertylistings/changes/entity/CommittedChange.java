package io.propertylistings.changes.entity;

/**
 * A change to {@code property} that PostgreSQL committed, from any client, as its trigger announced it: one per
 * statement. {@code transaction} names the committing transaction, as {@code property_change_transaction()} does.
 */
public record CommittedChange(String transaction) {
}
