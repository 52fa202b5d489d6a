-- Extending a sandbox beyond its template's maximum lifetime needs an approval, like a request.
CREATE TABLE sandbox_extension_request (
    id            uuid PRIMARY KEY,
    sandbox_id    uuid NOT NULL REFERENCES sandbox (id) ON DELETE CASCADE,
    hours         integer NOT NULL CHECK (hours BETWEEN 1 AND 8760),
    reason        text NOT NULL CHECK (length(btrim(reason)) BETWEEN 1 AND 2000),
    requested_by  uuid NOT NULL REFERENCES portal_user (id),
    requested_at  timestamptz NOT NULL,
    status        text NOT NULL CHECK (status IN ('REQUESTED', 'APPROVED', 'REJECTED')),
    decided_by    uuid REFERENCES portal_user (id),
    decided_at    timestamptz,
    decision_note text CHECK (decision_note IS NULL OR length(decision_note) <= 2000),
    CONSTRAINT extension_no_self_approval CHECK (decided_by IS NULL OR decided_by <> requested_by),
    CONSTRAINT extension_decided_consistently CHECK ((status = 'REQUESTED') = (decided_at IS NULL))
);
-- one open extension request per sandbox at a time
CREATE UNIQUE INDEX sandbox_extension_one_open_idx ON sandbox_extension_request (sandbox_id)
    WHERE status = 'REQUESTED';
CREATE INDEX sandbox_extension_requested_idx ON sandbox_extension_request (requested_at) WHERE status = 'REQUESTED';
