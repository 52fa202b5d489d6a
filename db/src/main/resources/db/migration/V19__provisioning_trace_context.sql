-- The W3C trace context (traceparent) of the request that scheduled a job, so the worker's spans
-- for the job and each of its steps continue that request's trace: one sandbox's life can be
-- followed across portal and worker. Null for jobs scheduled without a trace (e.g. older rows).
ALTER TABLE provisioning_job ADD COLUMN trace_parent text
    CHECK (trace_parent ~ '^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$');
