-- Access leases: holding a tenant slot grants its holder access to the slot's namespace on the
-- region's cluster (a RoleBinding), and the holding's end revokes it.

-- Per environment: where each slot lives and whom a binding names. No namespace template: no leases.
ALTER TABLE shared_environment
    ADD COLUMN access_namespace_template text
        CHECK (access_namespace_template IS NULL OR (access_namespace_template LIKE '%{slot}%'
               AND access_namespace_template ~ '^[a-z0-9{}-]{1,80}$')),
    ADD COLUMN access_subject_kind text NOT NULL DEFAULT 'USER' CHECK (access_subject_kind IN ('USER', 'GROUP')),
    ADD COLUMN access_subject_template text NOT NULL DEFAULT '{email}'
        CHECK (length(btrim(access_subject_template)) BETWEEN 1 AND 200),
    ADD COLUMN access_cluster_role text NOT NULL DEFAULT 'edit'
        CHECK (access_cluster_role ~ '^[a-z0-9]([a-z0-9:.-]{0,61}[a-z0-9])?$');

-- One lease per booking that held a slot of an environment with leases: the durable job of
-- granting and revoking its binding. next_attempt_at and claimed_until make it a job row:
-- a worker claims a due lease (FOR UPDATE SKIP LOCKED), and a claim a dead worker left expires.
CREATE TABLE access_lease (
    id             uuid PRIMARY KEY,
    booking_id     uuid NOT NULL UNIQUE REFERENCES booking (id),
    environment_id uuid NOT NULL REFERENCES shared_environment (id),
    slot_no        integer NOT NULL CHECK (slot_no BETWEEN 1 AND 64),
    holder_id      uuid NOT NULL REFERENCES portal_user (id),
    region_code    text NOT NULL,
    namespace      text NOT NULL CHECK (namespace ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    binding_name   text NOT NULL,
    subject_kind   text NOT NULL CHECK (subject_kind IN ('USER', 'GROUP')),
    subject        text NOT NULL CHECK (length(subject) BETWEEN 1 AND 250),
    cluster_role   text NOT NULL,
    status         text NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'FAILED', 'REVOKED')),
    grant_due_at   timestamptz NOT NULL,
    revoke_due_at  timestamptz NOT NULL,
    granted_at     timestamptz,
    revoked_at     timestamptz,
    attempts       integer NOT NULL DEFAULT 0,
    last_error     text,
    next_attempt_at timestamptz NOT NULL,
    claimed_until  timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CHECK (status <> 'REVOKED' OR revoked_at IS NOT NULL),
    CHECK (status <> 'ACTIVE' OR granted_at IS NOT NULL)
);
CREATE INDEX access_lease_open_idx ON access_lease (revoke_due_at, next_attempt_at) WHERE status <> 'REVOKED';
