-- What pipelines deployed to a shared environment (slot_no NULL) or to one tenant slot of it.
-- Every report is kept: the current one per target is the latest by observed_at.
CREATE TABLE environment_deployment (
    id             uuid PRIMARY KEY,
    environment_id uuid NOT NULL REFERENCES shared_environment (id) ON DELETE CASCADE,
    slot_no        integer CHECK (slot_no IS NULL OR slot_no BETWEEN 1 AND 64),
    version        text NOT NULL CHECK (length(btrim(version)) BETWEEN 1 AND 100),
    commit_sha     text CHECK (commit_sha IS NULL OR commit_sha ~ '^[0-9a-f]{7,64}$'),
    pipeline_url   text CHECK (pipeline_url IS NULL OR (pipeline_url ~ '^https?://' AND length(pipeline_url) <= 500)),
    status         text NOT NULL CHECK (status IN ('DEPLOYING', 'HEALTHY', 'FAILED')),
    -- when the pipeline saw this state (reports may arrive out of order; an older one is refused)
    observed_at    timestamptz NOT NULL,
    reported_at    timestamptz NOT NULL,
    reported_by    uuid,
    reporter_name  text NOT NULL
);
CREATE INDEX environment_deployment_current_idx
    ON environment_deployment (environment_id, slot_no, observed_at DESC, reported_at DESC);
