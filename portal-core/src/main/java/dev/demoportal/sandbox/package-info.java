/**
 * Customer sandboxes: the template catalogue, requests, approvals, the lifecycle driven by
 * provisioning jobs, expiry with warnings and extensions, and the owner's secrets.
 */
@NullMarked
package dev.demoportal.sandbox;

import org.jspecify.annotations.NullMarked;
