-- Idempotency-Key on the API's POSTs (issue 17): the first answer to a key, per caller, for 24 h.
-- status is null while the first request is still running.
CREATE TABLE api_idempotency_key (
    principal     text NOT NULL,
    key           text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
    request_hash  text NOT NULL,
    status        integer,
    content_type  text,
    location      text,
    body          text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (principal, key)
);
CREATE INDEX api_idempotency_key_expiry_idx ON api_idempotency_key (expires_at);
