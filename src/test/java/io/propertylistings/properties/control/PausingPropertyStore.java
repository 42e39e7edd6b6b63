package io.propertylistings.properties.control;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Test-only: holds a loader between reading the rows and returning them, so a test can commit a write in
 * exactly that gap, the interleaving that makes classic cache-aside store stale data.
 */
@Alternative
@Priority(1000)
@ApplicationScoped
public class PausingPropertyStore extends PropertyStore {

    public static final class Gate {
        public final CountDownLatch loaded = new CountDownLatch(1);
        public final CountDownLatch release = new CountDownLatch(1);
    }

    private static volatile Gate gate;

    public static Gate close() {
        gate = new Gate();
        return gate;
    }

    public static void open() {
        gate = null;
    }

    @Override
    public int writeAll(OutputStream out) {
        int rows = super.writeAll(out);
        Gate current = gate;
        if (current != null) {
            gate = null; // only the first loader waits
            current.loaded.countDown();
            try {
                if (!current.release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the loader");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rows;
    }
}
