-- Indexes the dashboards' benchmark (docs/benchmarks.md, "Dashboards") asked for.

-- Bookings started per environment and local day (no-show rate): one short index range per
-- environment instead of intersecting two indexes.
CREATE INDEX booking_environment_starts_idx ON booking (environment_id, starts_at) WHERE status <> 'CANCELLED';

-- Audit search by action: equality and prefix (LIKE 'booking.%') both use it, whatever the
-- database's collation (text_pattern_ops).
DROP INDEX audit_event_action_idx;
CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, occurred_at);
