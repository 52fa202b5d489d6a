/** The sandbox feature's scheduled work, run by the provisioning worker: expiry warnings and teardown. */
@NullMarked
package dev.demoportal.sandbox.worker;

import org.jspecify.annotations.NullMarked;
