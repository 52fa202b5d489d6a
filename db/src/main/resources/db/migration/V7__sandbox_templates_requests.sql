-- Customer sandboxes: the template catalogue, invitations, and the sandbox itself (one row from
-- the request until it is torn down; its id is both the request id and the sandbox id).

CREATE TABLE sandbox_template (
    id                     uuid PRIMARY KEY,
    slug                   text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name                   text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    description            text NOT NULL CHECK (length(btrim(description)) BETWEEN 1 AND 2000),
    -- what the customer gets, shown on the template card (plain text, one item a line)
    offering               text NOT NULL DEFAULT '' CHECK (length(offering) <= 4000),
    default_lifetime_hours integer NOT NULL CHECK (default_lifetime_hours BETWEEN 1 AND 2160),
    max_lifetime_hours     integer NOT NULL CHECK (max_lifetime_hours BETWEEN 1 AND 8760),
    -- requests within the default lifetime and the organisation's quota are approved by policy
    auto_approve           boolean NOT NULL DEFAULT false,
    -- active sandboxes one organisation may hold of this template (an override per organisation wins)
    organisation_quota     integer NOT NULL CHECK (organisation_quota BETWEEN 0 AND 1000),
    -- passed to the provisioning layers as they are (namespace quota, limits, app chart, ...)
    parameters             jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(parameters) = 'object'),
    active                 boolean NOT NULL DEFAULT true,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    version                bigint NOT NULL DEFAULT 0,
    CONSTRAINT template_default_within_max CHECK (default_lifetime_hours <= max_lifetime_hours)
);

-- The regions a template may run in.
CREATE TABLE sandbox_template_region (
    template_id uuid NOT NULL REFERENCES sandbox_template (id) ON DELETE CASCADE,
    region_code text NOT NULL REFERENCES region (code),
    PRIMARY KEY (template_id, region_code)
);

-- An admin's quota for one organisation and template, replacing the template's default.
CREATE TABLE sandbox_quota_override (
    organisation_id uuid NOT NULL REFERENCES organisation (id) ON DELETE CASCADE,
    template_id     uuid NOT NULL REFERENCES sandbox_template (id) ON DELETE CASCADE,
    max_active      integer NOT NULL CHECK (max_active BETWEEN 0 AND 1000),
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (organisation_id, template_id)
);

-- A field engineer invites a customer: usable once, before it expires. Only a hash of the token
-- is stored; the token itself exists only in the e-mail.
CREATE TABLE invitation (
    id              uuid PRIMARY KEY,
    email           text NOT NULL CHECK (email = lower(email) AND email ~ '^[^@\s]+@[^@\s]+$'),
    organisation_id uuid NOT NULL REFERENCES organisation (id),
    invited_by      uuid NOT NULL REFERENCES portal_user (id),
    token_hash      text NOT NULL UNIQUE,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    accepted_at     timestamptz,
    accepted_by     uuid REFERENCES portal_user (id),
    revoked_at      timestamptz,
    CONSTRAINT invitation_expires_after_creation CHECK (expires_at > created_at),
    CONSTRAINT invitation_accepted_once CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
);
CREATE INDEX invitation_organisation_idx ON invitation (organisation_id, created_at DESC);
CREATE UNIQUE INDEX invitation_one_open_per_email_idx ON invitation (email)
    WHERE accepted_at IS NULL AND revoked_at IS NULL;

CREATE TABLE sandbox (
    id                uuid PRIMARY KEY,
    -- deterministic base name of every resource made for it (DNS label, namespace, IAM role)
    name              text NOT NULL UNIQUE CHECK (name ~ '^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$'),
    template_id       uuid NOT NULL REFERENCES sandbox_template (id),
    region_code       text NOT NULL REFERENCES region (code),
    organisation_id   uuid NOT NULL REFERENCES organisation (id),
    requested_by      uuid NOT NULL REFERENCES portal_user (id),
    requested_at      timestamptz NOT NULL,
    lifetime_hours    integer NOT NULL CHECK (lifetime_hours BETWEEN 1 AND 8760),
    use_case          text NOT NULL CHECK (length(btrim(use_case)) BETWEEN 1 AND 2000),
    status            text NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED', 'PROVISIONING',
                                                      'READY', 'EXPIRING', 'TORN_DOWN', 'FAILED')),
    -- the decision: by a person (decided_by) or by policy (decided_by_policy, decided_by null)
    decided_by        uuid REFERENCES portal_user (id),
    decided_by_policy boolean NOT NULL DEFAULT false,
    decided_at        timestamptz,
    decision_note     text CHECK (decision_note IS NULL OR length(decision_note) <= 2000),
    provisioning_at   timestamptz,
    ready_at          timestamptz,
    -- set when it becomes ready (ready_at + lifetime), moved by extensions
    expires_at        timestamptz,
    extension_count   integer NOT NULL DEFAULT 0 CHECK (extension_count >= 0),
    teardown_requested_at timestamptz,
    torn_down_at      timestamptz,
    failed_at         timestamptz,
    failure_layer     text,
    failure_step      text,
    failure_message   text,
    -- what the owner needs to connect; never a secret (secrets live in sandbox_secret)
    access_url        text,
    access_details    jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(access_details) = 'object'),
    -- what teardown verified as gone, per layer
    teardown_receipt  jsonb,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    version           bigint NOT NULL DEFAULT 0,
    CONSTRAINT sandbox_no_self_approval CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CONSTRAINT sandbox_decided_consistently CHECK (
        (status IN ('REQUESTED')) = (decided_at IS NULL)),
    CONSTRAINT sandbox_ready_has_expiry CHECK (status NOT IN ('READY', 'EXPIRING') OR expires_at IS NOT NULL)
);
CREATE INDEX sandbox_organisation_idx ON sandbox (organisation_id, requested_at DESC);
CREATE INDEX sandbox_status_idx ON sandbox (status, requested_at DESC);
CREATE INDEX sandbox_expiry_idx ON sandbox (expires_at) WHERE status IN ('READY', 'EXPIRING');
CREATE INDEX sandbox_template_idx ON sandbox (template_id, organisation_id) WHERE status NOT IN ('REJECTED', 'TORN_DOWN');
CREATE INDEX sandbox_requested_at_idx ON sandbox (requested_at);

-- Expiry warnings already sent, per expiry time: an extension moves expires_at and re-arms them.
CREATE TABLE sandbox_expiry_warning (
    sandbox_id   uuid NOT NULL REFERENCES sandbox (id) ON DELETE CASCADE,
    expires_at   timestamptz NOT NULL,
    lead_minutes integer NOT NULL CHECK (lead_minutes > 0),
    sent_at      timestamptz NOT NULL,
    PRIMARY KEY (sandbox_id, expires_at, lead_minutes)
);

-- Secrets of a ready sandbox (e.g. the first admin password of its demo app), encrypted by the
-- portal (AES-GCM, key from configuration); revealed on demand to the owner organisation, audited.
CREATE TABLE sandbox_secret (
    sandbox_id  uuid NOT NULL REFERENCES sandbox (id) ON DELETE CASCADE,
    name        text NOT NULL CHECK (name ~ '^[a-z0-9][a-z0-9_.-]{0,62}$'),
    ciphertext  bytea NOT NULL,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (sandbox_id, name)
);
