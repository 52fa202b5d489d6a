-- Issue 16: every outgoing message goes through a transactional outbox, people choose what reaches
-- them on which channel, and admins register signed webhooks.

-- An admin-registered receiver of signed JSON deliveries. The signing secret is sealed with the
-- portal's Tink keyset (the sandbox secrets' keys); the id is its associated data.
CREATE TABLE webhook_endpoint (
    id                uuid PRIMARY KEY,
    name              text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    url               text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
    kinds             text[] NOT NULL CHECK (cardinality(kinds) >= 1),
    format            text NOT NULL CHECK (format IN ('JSON', 'TEAMS')),
    secret_ciphertext bytea NOT NULL,
    active            boolean NOT NULL DEFAULT true,
    created_by        uuid REFERENCES portal_user (id) ON DELETE SET NULL,
    created_at        timestamptz NOT NULL
);

-- One message to one receiver, written in the transaction of the change that causes it, so a
-- rolled-back change sends nothing. The worker delivers due rows, with retries and backoff.
CREATE TABLE outbox_message (
    id              uuid PRIMARY KEY,
    channel         text NOT NULL CHECK (channel IN ('MAIL', 'WEBHOOK', 'SLACK')),
    kind            text NOT NULL,
    -- an e-mail address, a webhook's URL, a Slack user: never a secret
    recipient       text NOT NULL,
    webhook_id      uuid REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    subject         text NOT NULL,
    -- the mail's plain text, or the webhook's JSON body
    body_text       text NOT NULL,
    body_html       text,
    -- carries a bearer link (an invitation): its body is not shown in the delivery log
    sensitive       boolean NOT NULL DEFAULT false,
    status          text NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'SENT', 'FAILED', 'HELD')),
    attempts        integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    locked_until    timestamptz,
    last_error      text,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    CHECK ((channel = 'WEBHOOK') = (webhook_id IS NOT NULL)),
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
CREATE INDEX outbox_message_due_idx ON outbox_message (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX outbox_message_created_idx ON outbox_message (created_at DESC);

-- A person's choice for one kind of notification on one channel. Only choices that differ from
-- the defaults (NotificationKind) need a row, but a row is kept either way once chosen.
CREATE TABLE notification_preference (
    user_id uuid NOT NULL REFERENCES portal_user (id) ON DELETE CASCADE,
    kind    text NOT NULL,
    channel text NOT NULL CHECK (channel IN ('BELL', 'MAIL', 'SLACK')),
    enabled boolean NOT NULL,
    PRIMARY KEY (user_id, kind, channel)
);
