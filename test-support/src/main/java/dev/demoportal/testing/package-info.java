/** Test database support shared by every module: a fresh PostgreSQL database per test class. */
package dev.demoportal.testing;
