/**
 * Sign-in (OIDC), bearer tokens for the API, sign-out, the account pages, and the organisations and
 * invitations pages (with the invitation link's landing page).
 */
@NullMarked
package dev.demoportal.identity.ui;

import org.jspecify.annotations.NullMarked;
