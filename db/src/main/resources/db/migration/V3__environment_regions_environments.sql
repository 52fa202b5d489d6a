CREATE TABLE region (
    code        text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9-]{1,15}$'),
    name        text NOT NULL UNIQUE CHECK (length(btrim(name)) BETWEEN 1 AND 80),
    aws_region  text NOT NULL CHECK (aws_region ~ '^[a-z]{2}(-gov)?-[a-z]+-[0-9]$'),
    time_zone   text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    version     bigint NOT NULL DEFAULT 0
);

-- The three regions the shared demo platform runs in. Reference data, not demo data:
-- environments, sandboxes and bookings all hang off these codes.
INSERT INTO region (code, name, aws_region, time_zone) VALUES
    ('na',   'North America', 'us-east-1',      'America/New_York'),
    ('emea', 'EMEA',          'eu-west-1',      'Europe/Dublin'),
    ('apj',  'Japan / APAC',  'ap-northeast-1', 'Asia/Tokyo');

CREATE TABLE shared_environment (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
    name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 120),
    region_code  text NOT NULL REFERENCES region (code),
    tenant_slots integer NOT NULL CHECK (tenant_slots BETWEEN 1 AND 64),
    status       text NOT NULL CHECK (status IN ('AVAILABLE', 'MAINTENANCE', 'RETIRED')),
    description  text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
    -- [{"label": "...", "url": "https://..."}]
    links        jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(links) = 'array'),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    version      bigint NOT NULL DEFAULT 0,
    UNIQUE (region_code, name)
);
CREATE INDEX shared_environment_region_idx ON shared_environment (region_code, name);
