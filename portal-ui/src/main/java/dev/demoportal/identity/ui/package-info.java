/** Sign-in (OIDC), bearer tokens for the API, sign-out, and the account pages. */
@NullMarked
package dev.demoportal.identity.ui;

import org.jspecify.annotations.NullMarked;
