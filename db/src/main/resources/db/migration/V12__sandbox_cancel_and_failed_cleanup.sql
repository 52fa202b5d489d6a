-- A request can be cancelled by its organisation while it waits for approval: CANCELLED, never
-- decided, holds nothing and counts against no quota.
ALTER TABLE sandbox ADD COLUMN cancelled_at timestamptz;

ALTER TABLE sandbox DROP CONSTRAINT sandbox_status_check;
ALTER TABLE sandbox ADD CONSTRAINT sandbox_status_check CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED',
    'CANCELLED', 'PROVISIONING', 'READY', 'EXPIRING', 'TORN_DOWN', 'FAILED'));

ALTER TABLE sandbox DROP CONSTRAINT sandbox_decided_consistently;
ALTER TABLE sandbox ADD CONSTRAINT sandbox_decided_consistently CHECK (
    (status IN ('REQUESTED', 'CANCELLED')) = (decided_at IS NULL));
ALTER TABLE sandbox ADD CONSTRAINT sandbox_cancelled_consistently CHECK (
    (status = 'CANCELLED') = (cancelled_at IS NOT NULL));

-- the quota count: everything but what is over for good
DROP INDEX sandbox_template_idx;
CREATE INDEX sandbox_template_idx ON sandbox (template_id, organisation_id)
    WHERE status NOT IN ('REJECTED', 'CANCELLED', 'TORN_DOWN');

-- failed sandboxes are torn down once their clean-up deadline (after failed_at) has passed
CREATE INDEX sandbox_failed_idx ON sandbox (failed_at) WHERE status = 'FAILED';
