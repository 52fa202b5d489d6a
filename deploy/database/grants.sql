-- Demo Portal: what the apps' role may do in the portal's database. Run it once, connected to the
-- portal's database AS THE SCHEMA OWNER (demoportal_owner), before or after the first migration:
--   psql "host=... dbname=demoportal user=demoportal_owner" -f deploy/database/grants.sql
-- The owner runs Flyway (the migration job) and owns every table, so only it can change the
-- schema, drop the audit trail's append-only triggers or truncate tables. The apps connect as
-- demoportal_app, which may read and write rows and nothing else.

-- Only the owner creates objects in the schema (PostgreSQL 15+ no longer lets PUBLIC create there;
-- this makes it so on older clusters and restored databases too).
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO demoportal_app;

-- Tables and sequences the owner creates from now on: every future migration.
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO demoportal_app;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT USAGE, SELECT ON SEQUENCES TO demoportal_app;

-- Tables and sequences that already exist (a database migrated before the roles were split).
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO demoportal_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO demoportal_app;
