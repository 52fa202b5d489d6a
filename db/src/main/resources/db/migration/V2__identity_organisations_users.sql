CREATE TABLE organisation (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name        text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    version     bigint NOT NULL DEFAULT 0
);

-- Customers whose company has no IdP of its own are placed by their e-mail domain.
CREATE TABLE organisation_email_domain (
    domain          text PRIMARY KEY CHECK (domain = lower(domain) AND domain ~ '^[a-z0-9.-]+\.[a-z]{2,}$'),
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE
);
CREATE INDEX organisation_email_domain_org_idx ON organisation_email_domain (organisation_id);

CREATE TABLE portal_user (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    issuer          text NOT NULL,
    subject         text NOT NULL,
    email           text CHECK (email IS NULL OR email ~ '^[^@\s]+@[^@\s]+$'),
    display_name    text NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 200),
    roles           text[] NOT NULL DEFAULT '{}'
                    CHECK (roles <@ ARRAY['FIELD_ENGINEER', 'MANAGER', 'ADMIN', 'CUSTOMER']::text[]),
    organisation_id uuid REFERENCES organisation (id),
    created_at      timestamptz NOT NULL,
    last_login_at   timestamptz NOT NULL,
    version         bigint NOT NULL DEFAULT 0,
    UNIQUE (issuer, subject),
    -- a customer always belongs to exactly one organisation
    CONSTRAINT customer_has_organisation CHECK (NOT ('CUSTOMER' = ANY (roles)) OR organisation_id IS NOT NULL)
);
CREATE INDEX portal_user_organisation_idx ON portal_user (organisation_id);
CREATE INDEX portal_user_email_idx ON portal_user (lower(email));
