/**
 * The manager dashboards (utilisation, holders, sandboxes, now) and a field engineer's own usage:
 * filters, ECharts charts from the WebJar with the numbers beside them, CSV downloads.
 */
@NullMarked
package dev.demoportal.usage.ui;

import org.jspecify.annotations.NullMarked;
