package io.propertylistings.properties.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Optional;

/**
 * The name PostgreSQL gives the transaction of a write through this service, the same name its commit's
 * notification carries (the trigger of {@code V3__notify_property_changes.sql}). The write's own eviction
 * after the commit and the eviction its notification asks for on every node are then one: whichever comes
 * first evicts, the others find it made.
 */
@ApplicationScoped
public class WriteTransactions {

    private static final String NAME = WriteTransactions.class.getName();

    @Resource
    TransactionSynchronizationRegistry registry;

    @PersistenceContext(unitName = "properties")
    EntityManager em;

    /** Before the first write of the current transaction: asks PostgreSQL for its name, once per transaction. */
    public void beforeWrite() {
        if (registry.getResource(NAME) == null) {
            registry.putResource(NAME,
                    em.createNativeQuery("SELECT property_change_transaction()").getSingleResult().toString());
        }
    }

    /** The current transaction's name, once a write asked for it; empty outside a transaction. */
    public Optional<String> current() {
        return registry.getTransactionKey() == null ? Optional.empty()
                : Optional.ofNullable((String) registry.getResource(NAME));
    }
}
