package dev.demoportal.provisioning.worker;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for something the worker does on its own threads. */
final class Eventually {

    private Eventually() {}

    static void await(Duration atMost, BooleanSupplier condition) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not true within " + atMost);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
