/**
 * Local mode: the whole portal on one machine from one command (embedded PostgreSQL, the
 * in-process OIDC provider, the embedded worker, demo data). Active only with the {@code local}
 * profile, i.e. {@code portal.local.enabled=true}.
 */
@NullMarked
package dev.demoportal.local;

import org.jspecify.annotations.NullMarked;
