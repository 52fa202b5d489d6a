/** The dashboards' page benchmark in headless Chromium: not a test, run on purpose (benchmarks/usage-pages.sh). */
package dev.demoportal.usage.bench;
