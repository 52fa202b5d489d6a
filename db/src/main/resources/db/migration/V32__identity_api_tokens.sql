-- API tokens for people and service accounts (issue 17). Only the SHA-256 of a token is stored;
-- the token itself is shown once. A service account is a portal_user row of its own issuer, so
-- bookings, the audit trail and every role check treat it like anyone else.
ALTER TABLE portal_user ADD COLUMN service_account boolean NOT NULL DEFAULT false;
ALTER TABLE portal_user ADD CONSTRAINT service_account_is_internal
    CHECK (NOT service_account OR (issuer = 'urn:demoportal:service-account' AND NOT ('CUSTOMER' = ANY (roles))));

CREATE TABLE api_token (
    id           uuid PRIMARY KEY,
    owner_id     uuid NOT NULL REFERENCES portal_user (id),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    -- the first characters after "dpt_", to recognise a token in a list; never enough to use it
    hint         text NOT NULL CHECK (length(hint) = 8),
    token_hash   text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
    roles        text[] NOT NULL
                 CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['FIELD_ENGINEER', 'MANAGER', 'ADMIN', 'CUSTOMER']::text[]),
    created_by   uuid NOT NULL REFERENCES portal_user (id),
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz,
    revoked_at   timestamptz,
    revoked_by   uuid REFERENCES portal_user (id),
    CONSTRAINT api_token_expires_after_creation CHECK (expires_at > created_at),
    CONSTRAINT api_token_revoked_by_someone CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
);
CREATE INDEX api_token_owner_idx ON api_token (owner_id, created_at DESC);
CREATE UNIQUE INDEX api_token_one_live_name_idx ON api_token (owner_id, lower(name)) WHERE revoked_at IS NULL;
