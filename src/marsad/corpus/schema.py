"""The store's schema as versioned migrations, one list for SQLite and PostgreSQL.

Each migration is a version number, a name and DDL; dialect differences (the integer
key, full-text index) are filled into the same template, so both databases hold the
same tables and columns. `migrate()` applies what is missing, each migration in one
transaction under a lock, so two processes opening a fresh store do not race.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import text
from sqlalchemy.engine import Engine

DIALECT_TYPES = {
    "sqlite": {"SEQ": "INTEGER PRIMARY KEY AUTOINCREMENT", "FLOAT": "REAL", "BIGINT": "INTEGER"},
    "postgresql": {"SEQ": "BIGSERIAL PRIMARY KEY", "FLOAT": "DOUBLE PRECISION", "BIGINT": "BIGINT"},
}

V1_TABLES = """
CREATE TABLE articles (
  seq {SEQ},
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL,
  url TEXT, source TEXT, title TEXT,
  published TEXT, pub_date TEXT,
  language TEXT, text TEXT NOT NULL,
  event_count INTEGER NOT NULL DEFAULT 0,
  ingested_at TEXT NOT NULL
);
CREATE INDEX ix_articles_hash ON articles (content_hash);
CREATE INDEX ix_articles_pub ON articles (pub_date);
CREATE INDEX ix_articles_source ON articles (source);
CREATE TABLE entities (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  text TEXT NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  type TEXT NOT NULL, subtype TEXT, canonical TEXT, entity_id TEXT,
  key TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX ix_entities_key ON entities (key);
CREATE TABLE places (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  name TEXT, geonameid {BIGINT}, lat {FLOAT}, lon {FLOAT}, country_code TEXT, admin1 TEXT,
  feature TEXT, precision INTEGER, mentions TEXT NOT NULL,
  key TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX ix_places_key ON places (key);
CREATE INDEX ix_places_country ON places (country_code);
CREATE TABLE tags (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, tag TEXT NOT NULL, key TEXT NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX ix_tags_key ON tags (key);
CREATE TABLE keyphrases (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL, text TEXT NOT NULL, score {FLOAT},
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE quotes (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  speaker TEXT, speaker_id TEXT, verb TEXT, text TEXT,
  start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE TABLE incidents (
  incident_id TEXT PRIMARY KEY,
  family TEXT NOT NULL,
  event_type TEXT, sub_event_type TEXT, plover TEXT,
  day TEXT, day_first TEXT, day_last TEXT,
  location_name TEXT, location_key TEXT, admin1 TEXT, country_code TEXT,
  lat {FLOAT}, lon {FLOAT}, location_precision INTEGER,
  actor1 TEXT, actor2 TEXT, actor_keys TEXT,
  fatalities_best INTEGER, fatalities_low INTEGER, fatalities_high INTEGER,
  injuries_best INTEGER, injuries_low INTEGER, injuries_high INTEGER,
  report_count INTEGER NOT NULL, outlet_count INTEGER NOT NULL,
  members TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX ix_incidents_window ON incidents (family, day_first, day_last);
CREATE INDEX ix_incidents_day ON incidents (day);
CREATE TABLE events (
  event_id TEXT PRIMARY KEY,
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx INTEGER NOT NULL,
  event_type TEXT, sub_event_type TEXT, plover TEXT,
  date TEXT, date_precision INTEGER, day TEXT,
  location_name TEXT, location_key TEXT, geonameid {BIGINT}, lat {FLOAT}, lon {FLOAT},
  country_code TEXT, admin1 TEXT, location_precision INTEGER,
  actor1 TEXT, actor2 TEXT, actor_keys TEXT,
  fatalities_low INTEGER, fatalities_best INTEGER, fatalities_high INTEGER,
  injuries_low INTEGER, injuries_best INTEGER, injuries_high INTEGER,
  data TEXT NOT NULL,
  incident_id TEXT REFERENCES incidents (incident_id)
);
CREATE INDEX ix_events_article ON events (article_id);
CREATE INDEX ix_events_day ON events (day);
CREATE INDEX ix_events_incident ON events (incident_id);
CREATE INDEX ix_events_country ON events (country_code);
CREATE INDEX ix_events_type ON events (event_type)
"""

# Full text: FTS5 over the stemmed terms (rowid = articles.seq) / a weighted tsvector.
V1_FTS = {
    "sqlite": "CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', "
              "tokenize='unicode61 remove_diacritics 0')",
    "postgresql": "ALTER TABLE articles ADD COLUMN search_tsv tsvector;\n"
                  "CREATE INDEX ix_articles_fts ON articles USING GIN (search_tsv)",
}

MIGRATIONS: list[tuple[int, str, dict[str, str] | str]] = [
    (1, "articles, entities, places, tags, keyphrases, quotes, events, incidents", V1_TABLES),
    (2, "full-text index over stemmed terms", V1_FTS),
    (3, "incident version token (lets writers cache members safely)",
     "ALTER TABLE incidents ADD COLUMN version TEXT"),
    (4, "indexes for newest-first listings",
     "CREATE INDEX ix_articles_published ON articles (published, seq);\n"
     "CREATE INDEX ix_events_day_id ON events (day, event_id)"),
]
LATEST = MIGRATIONS[-1][0]


def statements(ddl: dict[str, str] | str, dialect: str) -> list[str]:
    sql = ddl[dialect] if isinstance(ddl, dict) else ddl
    sql = sql.format(**DIALECT_TYPES[dialect])
    return [s.strip() for s in sql.split(";\n") if s.strip()]


def applied_versions(conn) -> set[int]:
    return {r[0] for r in conn.execute(text("SELECT version FROM schema_migrations"))}


def migrate(engine: Engine) -> list[int]:
    """Bring the database to the latest schema; returns the versions applied now."""
    dialect = engine.dialect.name
    if dialect not in DIALECT_TYPES:
        raise ValueError(f"unsupported database: {dialect}")
    done: list[int] = []
    try:                                 # up to date: no write at all (a read-only store opens)
        with engine.connect() as conn:
            if applied_versions(conn) >= {v for v, _, _ in MIGRATIONS}:
                return done
    except Exception:  # noqa: BLE001 - no migrations table yet: create it below
        pass
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE IF NOT EXISTS schema_migrations ("
                          "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"))
    for version, name, ddl in MIGRATIONS:
        with engine.execution_options(marsad_write=True).begin() as conn:
            if dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(727372)"))
            if version in applied_versions(conn):
                continue
            for stmt in statements(ddl, dialect):
                conn.exec_driver_sql(stmt)
            conn.execute(text("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :t)"),
                         {"v": version, "n": name, "t": datetime.now(timezone.utc).isoformat(timespec="seconds")})
            done.append(version)
    return done
