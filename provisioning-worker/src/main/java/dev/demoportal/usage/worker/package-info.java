/** The usage feature's scheduled work, run by the provisioning worker: the daily utilisation rollup. */
@NullMarked
package dev.demoportal.usage.worker;

import org.jspecify.annotations.NullMarked;
