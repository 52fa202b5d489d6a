-- Clean-up after a failed provision: a ROLLBACK job undoes, in reverse, the steps a failed
-- provisioning job ran, once its rollback deadline has passed (a person may still retry the
-- failed step until then). The sandbox stays FAILED; what was removed is its rollback receipt.
ALTER TABLE provisioning_job DROP CONSTRAINT provisioning_job_kind_check;
ALTER TABLE provisioning_job ADD CONSTRAINT provisioning_job_kind_check
    CHECK (kind IN ('PROVISION', 'EXTEND', 'TEARDOWN', 'ROLLBACK'));

ALTER TABLE sandbox ADD COLUMN rollback_started_at timestamptz;
ALTER TABLE sandbox ADD COLUMN rolled_back_at timestamptz;
-- kept apart from teardown_receipt: a later teardown of the failed sandbox must not erase it
ALTER TABLE sandbox ADD COLUMN rollback_receipt jsonb CHECK (jsonb_typeof(rollback_receipt) = 'object');
ALTER TABLE sandbox ADD CONSTRAINT sandbox_rolled_back_after_start CHECK (
    rolled_back_at IS NULL OR (rollback_started_at IS NOT NULL AND rolled_back_at >= rollback_started_at));
