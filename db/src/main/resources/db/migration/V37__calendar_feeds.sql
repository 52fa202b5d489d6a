-- Issue 16: iCalendar feeds at secret-token URLs. Only the token's SHA-256 is stored; a person
-- regenerates a feed to get a new URL (the old one then answers 404).
CREATE TABLE calendar_feed (
    id             uuid PRIMARY KEY,
    user_id        uuid NOT NULL REFERENCES portal_user (id) ON DELETE CASCADE,
    -- null: the person's own feed; otherwise the feed of one shared environment
    environment_id uuid REFERENCES shared_environment (id) ON DELETE CASCADE,
    token_hash     bytea NOT NULL UNIQUE,
    created_at     timestamptz NOT NULL,
    last_read_at   timestamptz
);
CREATE UNIQUE INDEX calendar_feed_one_per_scope_idx
    ON calendar_feed (user_id, coalesce(environment_id, '00000000-0000-0000-0000-000000000000'::uuid));
