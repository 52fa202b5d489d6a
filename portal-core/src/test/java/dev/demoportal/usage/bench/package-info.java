/** The dashboards' data generator and query benchmark: not tests, run on purpose (benchmarks/usage-*.sh). */
package dev.demoportal.usage.bench;
