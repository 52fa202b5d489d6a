-- Trusted CI identity providers (GitHub Actions, CircleCI, any OIDC issuer with a JWKS) and the
-- claim rules that map their tokens to service accounts (issue 17).
CREATE TABLE ci_issuer (
    id          uuid PRIMARY KEY,
    name        text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    issuer      text NOT NULL UNIQUE CHECK (issuer ~ '^https?://[^\s]+$'),
    -- null: found through the issuer's OIDC discovery document
    jwks_uri    text CHECK (jwks_uri IS NULL OR jwks_uri ~ '^https?://[^\s]+$'),
    audience    text NOT NULL CHECK (length(btrim(audience)) BETWEEN 1 AND 200),
    created_by  uuid NOT NULL REFERENCES portal_user (id),
    created_at  timestamptz NOT NULL
);

CREATE TABLE ci_identity_rule (
    id                 uuid PRIMARY KEY,
    issuer_id          uuid NOT NULL REFERENCES ci_issuer (id) ON DELETE CASCADE,
    -- every claim named here must have this value ("*" at the end matches any rest): {"repository": "acme/app"}
    claims             jsonb NOT NULL CHECK (jsonb_typeof(claims) = 'object' AND claims <> '{}'::jsonb),
    service_account_id uuid NOT NULL REFERENCES portal_user (id),
    created_by         uuid NOT NULL REFERENCES portal_user (id),
    created_at         timestamptz NOT NULL
);
CREATE INDEX ci_identity_rule_issuer_idx ON ci_identity_rule (issuer_id, created_at);
