/**
 * The Slack app's public addresses, {@code /integrations/slack/**}: no session and no CSRF token;
 * each request is trusted only if Slack's signature over it checks out.
 */
@NullMarked
package dev.demoportal.slack.api;

import org.jspecify.annotations.NullMarked;
