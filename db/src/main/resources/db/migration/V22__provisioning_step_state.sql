-- What a step in progress keeps across attempts, resumptions and worker deaths: a pipeline driver
-- records the CI run it started (system, id, URL, live status, the correlation key the portal set)
-- right after triggering it, so a resumed step follows that run instead of starting a second one.
-- Written by the worker holding the job (fenced like every other step write); never secrets.
ALTER TABLE provisioning_step
    ADD COLUMN state jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(state) = 'object');
