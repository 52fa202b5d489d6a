-- Sandbox secrets are encrypted with a Tink keyset (ADR 0017): every ciphertext starts with Tink's
-- 5-byte prefix, a version byte and the 4-byte id of the key that sealed it. key_id repeats that
-- id so the re-encryption job finds the rows not yet under the primary key without reading every
-- ciphertext; the check keeps the two from disagreeing. NULL marks a row written before the keyset
-- by the single AES-256-GCM key (nonce || ciphertext || tag, no key id): the job moves those
-- to the keyset once, with portal.sandbox.keys.legacy-key.
ALTER TABLE sandbox_secret ADD COLUMN key_id bigint;
ALTER TABLE sandbox_secret ADD CONSTRAINT sandbox_secret_key_id_in_ciphertext CHECK (
    key_id IS NULL OR (
        key_id BETWEEN 0 AND 4294967295
        AND length(ciphertext) > 5
        AND get_byte(ciphertext, 0) = 1
        AND ('x' || encode(substring(ciphertext FROM 2 FOR 4), 'hex'))::bit(32)::bigint = key_id));
