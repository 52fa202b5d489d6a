/** REST API plumbing shared by every feature: RFC 9457 problem details with a stable {@code code}. */
@NullMarked
package dev.demoportal.base.api;

import org.jspecify.annotations.NullMarked;
