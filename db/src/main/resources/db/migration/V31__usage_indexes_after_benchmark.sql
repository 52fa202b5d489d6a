-- Indexes the dashboards' benchmark (docs/benchmarks.md, "Dashboards") asked for.

-- Bookings started per environment and local day (no-show rate): one short index range per
-- environment instead of intersecting two indexes.
CREATE INDEX booking_environment_starts_idx ON booking (environment_id, starts_at) WHERE status <> 'CANCELLED';

-- Audit search by action: equality and prefix (LIKE 'booking.%') both use it, whatever the
-- database's collation (text_pattern_ops).
DROP INDEX audit_event_action_idx;
CREATE INDEX audit_event_action_idx ON audit_event (action text_pattern_ops, occurred_at);

-- The rollup's row estimates are far off (generate_series over times is estimated at 1,000 rows),
-- so PostgreSQL's JIT compiles for a second on a plan that runs in 50 ms. The dashboards' own
-- transactions turn JIT off the same way (SET LOCAL jit = off in UsageQueries).
ALTER FUNCTION usage_refresh(timestamptz, integer) SET jit = off;
