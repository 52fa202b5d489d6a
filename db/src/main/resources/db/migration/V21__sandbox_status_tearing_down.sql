-- The status stored as EXPIRING always meant "tearing down" (a teardown job asked for or running,
-- whether the sandbox expired or someone ended it early): it is stored as TEARING_DOWN from now on.
-- Audit events keep the name they were written with (the trail is append-only); readers show both
-- as "tearing down".
ALTER TABLE sandbox DROP CONSTRAINT sandbox_status_check;
ALTER TABLE sandbox DROP CONSTRAINT sandbox_ready_has_expiry;
DROP INDEX sandbox_expiry_idx;

UPDATE sandbox SET status = 'TEARING_DOWN' WHERE status = 'EXPIRING';

ALTER TABLE sandbox ADD CONSTRAINT sandbox_status_check CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED',
    'CANCELLED', 'PROVISIONING', 'READY', 'TEARING_DOWN', 'TORN_DOWN', 'FAILED'));
ALTER TABLE sandbox ADD CONSTRAINT sandbox_ready_has_expiry CHECK (
    status NOT IN ('READY', 'TEARING_DOWN') OR expires_at IS NOT NULL);
CREATE INDEX sandbox_expiry_idx ON sandbox (expires_at) WHERE status IN ('READY', 'TEARING_DOWN');
