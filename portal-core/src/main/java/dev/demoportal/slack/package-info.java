/**
 * The Slack app: the {@code /demo} slash command and message buttons (acting as the portal user
 * mapped from the Slack user by verified e-mail), request signature checks, channel topics kept
 * current from the board, and Slack direct messages for notifications (through the outbox).
 */
@NullMarked
package dev.demoportal.slack;

import org.jspecify.annotations.NullMarked;
