CREATE TABLE audit_event (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at     timestamptz NOT NULL,
    actor_id        uuid,
    actor_name      text NOT NULL,
    action          text NOT NULL CHECK (action ~ '^[a-z]+(\.[a-z_]+)+$'),
    target_type     text NOT NULL,
    target_id       text NOT NULL,
    -- set when the event concerns one customer organisation, so its customers can see it
    organisation_id uuid,
    details         jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(details) = 'object')
);
CREATE INDEX audit_event_occurred_idx ON audit_event (occurred_at DESC);
CREATE INDEX audit_event_target_idx ON audit_event (target_type, target_id, occurred_at DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id, occurred_at DESC);
CREATE INDEX audit_event_organisation_idx ON audit_event (organisation_id, occurred_at DESC)
    WHERE organisation_id IS NOT NULL;

-- The trail is append-only: the database itself refuses to change or remove history,
-- whatever code or role connects.
CREATE FUNCTION audit_event_is_append_only() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER audit_event_no_update_or_delete
    BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_is_append_only();

CREATE TRIGGER audit_event_no_truncate
    BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_is_append_only();
