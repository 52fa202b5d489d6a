-- btree_gist lets exclusion constraints combine equality (environment, slot) with range overlap;
-- bookings rely on it to make double booking impossible.
CREATE EXTENSION IF NOT EXISTS btree_gist;
