-- Usage: a granted waitlist entry carries the creation time of the booking it was granted, so the
-- dashboards' wait percentiles (joining to the grant) read waitlist_entry alone instead of one
-- random booking read per granted entry (ADR 0042). Kept by triggers, so it is always exact.
ALTER TABLE waitlist_entry ADD COLUMN booking_created_at timestamptz;

UPDATE waitlist_entry w SET booking_created_at = b.created_at FROM booking b WHERE b.id = w.booking_id;

CREATE INDEX waitlist_booking_idx ON waitlist_entry (booking_id) WHERE booking_id IS NOT NULL;

CREATE FUNCTION waitlist_booking_created_at() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.booking_id IS NULL THEN
        NEW.booking_created_at := NULL;
    ELSE
        NEW.booking_created_at := (SELECT b.created_at FROM booking b WHERE b.id = NEW.booking_id);
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER waitlist_entry_booking_created_at
    BEFORE INSERT OR UPDATE OF booking_id, booking_created_at ON waitlist_entry
    FOR EACH ROW EXECUTE FUNCTION waitlist_booking_created_at();

-- a booking's creation time does not change in the product; an edit of it (an import, a test) follows
CREATE FUNCTION booking_created_at_to_waitlist() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    UPDATE waitlist_entry SET booking_created_at = NEW.created_at WHERE booking_id = NEW.id;
    RETURN NULL;
END;
$$;

CREATE TRIGGER booking_created_at_to_waitlist
    AFTER UPDATE ON booking
    FOR EACH ROW
    WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at)
    EXECUTE FUNCTION booking_created_at_to_waitlist();
