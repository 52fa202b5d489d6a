/** The Slack app in the UI: admins link channels to environments or regions; board changes reach the topic sync. */
@NullMarked
package dev.demoportal.slack.ui;

import org.jspecify.annotations.NullMarked;
