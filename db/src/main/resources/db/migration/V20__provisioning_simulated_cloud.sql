-- What the simulated drivers "made", shared by every worker process on this database, so a job
-- resumed by another worker (or after a restart) finds what the first one created, and tests can
-- count each resource's creations and deletions across processes: a step's side effect applied
-- twice shows as creations > 1. Only the simulated driver (local mode, tests, benchmarks) uses it.
CREATE TABLE simulated_resource (
    id          text PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 512),
    attributes  jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(attributes) = 'object'),
    present     boolean NOT NULL,
    creations   integer NOT NULL DEFAULT 0 CHECK (creations >= 0),
    deletions   integer NOT NULL DEFAULT 0 CHECK (deletions >= 0)
);
CREATE INDEX simulated_resource_present_idx ON simulated_resource (id text_pattern_ops) WHERE present;
