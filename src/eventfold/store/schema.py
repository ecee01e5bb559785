"""The store's tables: plain, readable, the same in SQLite and PostgreSQL.

Dates are ISO text (`YYYY-MM-DD`) in both dialects, so they sort and compare as text and open
unchanged in Datasette. `{blob}`, `{real}` and `{bigint}` are the dialect's type names.
"""

SCHEMA_VERSION = "1"

TABLES = """
CREATE TABLE IF NOT EXISTS store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    seq {bigint} NOT NULL UNIQUE,          -- order in which documents entered the store
    content_hash TEXT NOT NULL,           -- sha256 of the text: the same id with other text is re-read
    origin TEXT,
    publisher TEXT,
    url TEXT,
    published TEXT,
    language TEXT,
    title TEXT,
    status TEXT NOT NULL,                 -- done | skipped | unreadable
    reason TEXT,                          -- why it was skipped or unreadable
    events INTEGER NOT NULL DEFAULT 0,    -- events this document reported
    processed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    n {bigint} NOT NULL UNIQUE,            -- ordinal, for ACLED's event_id_cnty
    event_id TEXT PRIMARY KEY,
    event_date TEXT NOT NULL,
    date_min TEXT NOT NULL,
    date_max TEXT NOT NULL,
    date_precision TEXT NOT NULL,
    event_type TEXT NOT NULL,
    sub_event_type TEXT NOT NULL,
    actor1 TEXT NOT NULL,
    actor1_type TEXT,
    actor1_country TEXT,
    actor2 TEXT,
    actor2_type TEXT,
    actor2_country TEXT,
    location TEXT NOT NULL,
    country TEXT NOT NULL,
    admin1 TEXT,
    admin2 TEXT,
    latitude {real} NOT NULL,
    longitude {real} NOT NULL,
    geo_precision INTEGER NOT NULL,
    gazetteer_id TEXT,
    fatalities INTEGER,
    injuries INTEGER,
    munitions INTEGER,
    weapons TEXT,
    language TEXT,
    confidence {real},
    notes TEXT,
    source_count INTEGER NOT NULL,
    mention_count INTEGER NOT NULL,
    data TEXT NOT NULL,                   -- the whole event as JSON, in the shape of the event schema
    vector {blob},                        -- sentence embedding of its first mention, made when first needed
    created_at {bigint} NOT NULL,          -- unix time, as ACLED's timestamp
    updated_at {bigint} NOT NULL
);
CREATE INDEX IF NOT EXISTS events_type_date ON events (event_type, date_min, date_max);
-- Listings are newest first (event_date DESC, n DESC): with n in the index a filtered page is read
-- off the index in order, never sorted (100,000 events: 0.8 s -> 1 ms for a type and a year).
CREATE INDEX IF NOT EXISTS events_date_n ON events (event_date, n);
-- With fatalities in it, "the deadly events of a country" is read in the index alone.
CREATE INDEX IF NOT EXISTS events_country_listing ON events (country, event_date, n, fatalities);
CREATE INDEX IF NOT EXISTS events_type_listing ON events (event_type, event_date, n);
CREATE INDEX IF NOT EXISTS events_lat_lon ON events (latitude, longitude);
CREATE INDEX IF NOT EXISTS events_fatalities ON events (fatalities);
CREATE TABLE IF NOT EXISTS event_sources (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    seq {bigint} NOT NULL,                 -- the document's seq: sources in the order they came
    publisher TEXT,
    url TEXT,
    published TEXT,
    attributed_to TEXT,                   -- JSON list: "according to whom", as the report says
    report TEXT NOT NULL,                 -- this source's own reading of the event, as JSON
    PRIMARY KEY (event_id, doc_id)
);
CREATE INDEX IF NOT EXISTS event_sources_doc ON event_sources (doc_id);
CREATE TABLE IF NOT EXISTS mentions (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    doc_id TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (event_id, doc_id, start_char)
);
CREATE INDEX IF NOT EXISTS mentions_doc ON mentions (doc_id);
CREATE TABLE IF NOT EXISTS event_history (
    event_id TEXT NOT NULL REFERENCES events (event_id) ON DELETE CASCADE,
    seq {bigint} NOT NULL,                 -- seq of the document that changed the value
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    changed_at {bigint} NOT NULL,
    PRIMARY KEY (event_id, seq, field)
);
CREATE TABLE IF NOT EXISTS countries (
    iso3 TEXT PRIMARY KEY,
    iso_numeric INTEGER,
    name TEXT NOT NULL,
    region TEXT
)
"""

# ACLED's columns and conventions, computed in SQL so that Datasette, sqlite-utils, psql and
# every export read the same thing.
ACLED_VIEW = """
CREATE VIEW acled_events AS
SELECT
    e.country || CAST(e.n AS TEXT) AS event_id_cnty,
    e.event_date AS event_date,
    CAST(substr(e.event_date, 1, 4) AS INTEGER) AS year,
    CASE e.date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 ELSE 3 END AS time_precision,
    CASE
        WHEN e.event_type IN ('Protests', 'Riots') THEN 'Demonstrations'
        WHEN e.event_type = 'Strategic developments' THEN 'Strategic developments'
        WHEN e.sub_event_type = 'Excessive force against protesters' THEN 'Political violence; Demonstrations'
        ELSE 'Political violence'
    END AS disorder_type,
    e.event_type AS event_type,
    e.sub_event_type AS sub_event_type,
    e.actor1 AS actor1,
    '' AS assoc_actor_1,
    {inter1} AS inter1,
    COALESCE(e.actor2, '') AS actor2,
    '' AS assoc_actor_2,
    {inter2} AS inter2,
    CASE
        WHEN {inter2} = 0 THEN {inter1} * 10
        WHEN {inter1} <= {inter2} THEN {inter1} * 10 + {inter2}
        ELSE {inter2} * 10 + {inter1}
    END AS interaction,
    CASE WHEN e.actor2_type = 'Civilians' AND e.event_type IN ('Violence against civilians',
        'Explosions/Remote violence') THEN 'Civilian targeting' ELSE '' END AS civilian_targeting,
    c.iso_numeric AS iso,
    COALESCE(c.region, '') AS region,
    COALESCE(c.name, e.country) AS country,
    COALESCE(e.admin1, '') AS admin1,
    COALESCE(e.admin2, '') AS admin2,
    '' AS admin3,
    e.location AS location,
    e.latitude AS latitude,
    e.longitude AS longitude,
    e.geo_precision AS geo_precision,
    {publishers} AS source,
    'Other' AS source_scale,
    COALESCE(e.notes, '') AS notes,
    COALESCE(e.fatalities, 0) AS fatalities,
    '' AS tags,
    e.updated_at AS timestamp,
    e.event_id AS eventfold_id,
    e.confidence AS confidence,
    e.source_count AS source_count
FROM events e LEFT JOIN countries c ON c.iso3 = e.country
"""

_INTER = """CASE {col}
        WHEN 'State forces' THEN 1 WHEN 'Rebel group' THEN 2 WHEN 'Political militia' THEN 3
        WHEN 'Identity militia' THEN 4 WHEN 'Rioters' THEN 5 WHEN 'Protesters' THEN 6
        WHEN 'Civilians' THEN 7 WHEN 'External/Other forces' THEN 8 ELSE 0 END"""

# The sources' publishers in the order they came ("Wire A; Agence B"). SQLite before 3.44 has no
# ORDER BY inside an aggregate, but keeps the order of an ordered subquery.
PUBLISHERS = {
    "sqlite": "(SELECT group_concat(p, '; ') FROM (SELECT COALESCE(s.publisher, s.doc_id) AS p "
              "FROM event_sources s WHERE s.event_id = e.event_id ORDER BY s.seq))",
    "postgresql": "(SELECT string_agg(COALESCE(s.publisher, s.doc_id), '; ' ORDER BY s.seq) "
                  "FROM event_sources s WHERE s.event_id = e.event_id)",
}


def acled_view(dialect: str) -> str:
    return ACLED_VIEW.format(inter1=_INTER.format(col="e.actor1_type"), inter2=_INTER.format(col="e.actor2_type"),
                             publishers=PUBLISHERS[dialect])
