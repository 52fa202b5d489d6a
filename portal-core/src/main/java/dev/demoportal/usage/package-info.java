/**
 * Read-only numbers for managers: utilisation of the shared environments (from a daily rollup plus
 * the open day computed live), who holds what, the sandbox funnel and timings, and what is
 * happening right now. Nothing here writes domain data.
 */
@NullMarked
package dev.demoportal.usage;

import org.jspecify.annotations.NullMarked;
