-- Slack app: a channel whose topic the portal keeps current, linked to one environment or one region.
CREATE TABLE slack_channel_link (
    id             uuid PRIMARY KEY,
    channel_id     text NOT NULL UNIQUE CHECK (channel_id ~ '^[CG][A-Z0-9]{2,30}$'),
    environment_id uuid REFERENCES shared_environment (id) ON DELETE CASCADE,
    region_code    text REFERENCES region (code) ON DELETE CASCADE,
    last_topic     text,
    last_error     text,
    synced_at      timestamptz,
    created_at     timestamptz NOT NULL,
    created_by     uuid,
    CONSTRAINT slack_channel_link_one_target CHECK ((environment_id IS NULL) <> (region_code IS NULL))
);
