/**
 * Test support shared by every module: a fresh PostgreSQL database per test class, and the
 * architecture rules each module's ArchUnit suite checks.
 */
package dev.demoportal.testing;
