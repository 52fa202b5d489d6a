/**
 * Local mode's OIDC provider: Spring Authorization Server in its own application context and port,
 * with demo users. It speaks real OIDC, so the portal signs in through it exactly as through a
 * company IdP. Never used outside local mode and tests.
 */
@NullMarked
package dev.demoportal.local.idp;

import org.jspecify.annotations.NullMarked;
