/** The usage numbers as JSON for BI tools, and every dashboard table as CSV, with the dashboards' filters. */
@NullMarked
package dev.demoportal.usage.api;

import org.jspecify.annotations.NullMarked;
