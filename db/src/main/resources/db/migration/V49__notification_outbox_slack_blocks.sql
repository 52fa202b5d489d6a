-- A Slack message's Block Kit blocks (a JSON array), written with the change like every other
-- body, so the worker sends exactly what the transaction wrote; null for mail and webhooks.
ALTER TABLE outbox_message ADD COLUMN body_blocks jsonb;
ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_blocks_are_slack
    CHECK (body_blocks IS NULL OR (channel = 'SLACK' AND jsonb_typeof(body_blocks) = 'array'));
