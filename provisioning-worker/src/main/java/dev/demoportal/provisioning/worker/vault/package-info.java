/** The Vault part of a sandbox's contents: its KV path, policy and roles, made and revoked through Spring Vault. */
@NullMarked
package dev.demoportal.provisioning.worker.vault;

import org.jspecify.annotations.NullMarked;
