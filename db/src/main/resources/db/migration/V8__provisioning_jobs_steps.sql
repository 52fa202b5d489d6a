-- Provisioning jobs: one per operation on a sandbox (provision, extend, teardown), run by the
-- worker as an ordered plan of steps across the layers global -> region-core -> region-platform.
-- The db-scheduler execution that runs a job is named after the job id (task "provisioning-job").
CREATE TABLE provisioning_job (
    id            uuid PRIMARY KEY,
    sandbox_id    uuid NOT NULL REFERENCES sandbox (id),
    kind          text NOT NULL CHECK (kind IN ('PROVISION', 'EXTEND', 'TEARDOWN')),
    status        text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    region_code   text NOT NULL REFERENCES region (code),
    -- the snapshot of what to build, as the sandbox service handed it over (names, parameters)
    spec          jsonb NOT NULL CHECK (jsonb_typeof(spec) = 'object'),
    -- which drivers ran it (simulated, aws, kubernetes), per layer, so the UI can label simulations
    drivers       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(drivers) = 'object'),
    created_at    timestamptz NOT NULL,
    started_at    timestamptz,
    finished_at   timestamptz,
    error_message text,
    worker        text,
    heartbeat_at  timestamptz,
    version       bigint NOT NULL DEFAULT 0,
    CONSTRAINT provisioning_job_finished_has_time CHECK (
        (status IN ('SUCCEEDED', 'FAILED', 'CANCELLED')) = (finished_at IS NOT NULL))
);
-- at most one unfinished job per sandbox: operations on one sandbox never run side by side
CREATE UNIQUE INDEX provisioning_job_one_open_per_sandbox_idx ON provisioning_job (sandbox_id)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX provisioning_job_sandbox_idx ON provisioning_job (sandbox_id, created_at DESC);
CREATE INDEX provisioning_job_status_idx ON provisioning_job (status, created_at) WHERE status IN ('QUEUED', 'RUNNING', 'FAILED');
CREATE INDEX provisioning_job_created_idx ON provisioning_job (created_at);

CREATE TABLE provisioning_step (
    job_id       uuid NOT NULL REFERENCES provisioning_job (id) ON DELETE CASCADE,
    ordinal      integer NOT NULL CHECK (ordinal >= 1),
    layer        text NOT NULL CHECK (layer IN ('global', 'region-core', 'region-platform')),
    name         text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9-]*$'),
    status       text NOT NULL CHECK (status IN ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED')),
    attempts     integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    started_at   timestamptz,
    finished_at  timestamptz,
    -- resource ids the step created or found (never secrets)
    output       jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(output) = 'object'),
    log          text NOT NULL DEFAULT '',
    error        text,
    PRIMARY KEY (job_id, ordinal),
    UNIQUE (job_id, name)
);
CREATE INDEX provisioning_step_failed_idx ON provisioning_step (layer, name) WHERE status = 'FAILED';
