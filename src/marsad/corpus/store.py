"""The corpus store: Article records in SQLite (default) or PostgreSQL, one schema.

`open_store(url)` → Store. Every article is written in one transaction together with
its entities, places, tags, keyphrases, quotes, events, full-text row and incident
updates, so a crash leaves either the whole article or nothing, and re-running an
ingest completes it. An article is a duplicate when its id or its text hash is
already stored.

Search snippets mark matched words with ⟦ and ⟧ (SNIPPET_OPEN / SNIPPET_CLOSE),
characters that do not occur in news text; the snippet is plain text otherwise, so a
web page must HTML-escape it and then turn the markers into <mark>. Each hit also has
`highlights`: [start, end] offsets of the matched words in the article's text.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Iterable, Iterator

from sqlalchemy import create_engine, event
from sqlalchemy import text as _text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from ..errors import MarsadError
from ..record import validate_record
from ..text.normalize import normalize_key
from . import incidents as inc
from .schema import migrate
from .search import SNIPPET_CLOSE, SNIPPET_OPEN
from .terms import terms

DEFAULT_URL = "sqlite:///./marsad.db"
__all__ = ["AddResult", "Filters", "SNIPPET_CLOSE", "SNIPPET_OPEN", "Store", "StoreError", "content_hash",
           "open_store", "prepare", "storage_failure"]

# SQL strings are parsed into statements once, not per call (bulk ingest runs them 10^6 times).
text = functools.lru_cache(maxsize=512)(_text)
# the same few thousand entity, place and tag names recur across a corpus
_name_key = functools.lru_cache(maxsize=1 << 16)(normalize_key)


class StoreError(MarsadError):
    """The database refused to write at all (read-only, disk full, I/O error). The transaction
    in progress was rolled back, so the store holds whole articles only."""


# what SQLite and PostgreSQL say when the database as a whole cannot be written
_STORAGE_FAILURES = ("readonly database", "read-only", "disk is full", "disk i/o error", "no space left",
                     "unable to open database", "could not extend file", "database is locked",
                     "could not write", "out of memory")


def storage_failure(exc: BaseException | None) -> str | None:
    """The database's own message if `exc` (or what caused it) means the store cannot be
    written at all, rather than that one article is bad; else None."""
    seen = 0
    while exc is not None and seen < 8:
        orig = getattr(exc, "orig", None) or exc
        msg = str(orig).strip().splitlines()[0] if str(orig).strip() else ""
        if any(k in msg.lower() for k in _STORAGE_FAILURES):
            return msg
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return None


def _redacted(url: str) -> str:
    """The URL without its password, for error messages."""
    head, sep, tail = url.rpartition("@")
    if not sep:
        return url
    scheme, _, cred = head.partition("://")
    return f"{scheme}://{cred.split(':')[0]}:***@{tail}"


@dataclass(frozen=True)
class Filters:
    since: date | None = None
    until: date | None = None
    country: str | None = None
    place: str | None = None
    actor: str | None = None
    event_type: str | None = None

    def any(self) -> bool:
        return any(v is not None for v in (self.since, self.until, self.country, self.place,
                                           self.actor, self.event_type))


@dataclass
class AddResult:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)   # (article id, reason)


def content_hash(text_: str) -> str:
    """Identity of an article's text, blind to whitespace differences."""
    return hashlib.sha1(" ".join(text_.split()).encode("utf-8", "surrogatepass")).hexdigest()


def engine_url(url: str | None) -> str:
    url = url or os.environ.get("MARSAD_DB") or DEFAULT_URL
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if "://" not in url:                       # a bare path means a SQLite file
        url = "sqlite:///" + url
    return url


def _make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn, _record):
            dbapi_conn.isolation_level = None          # we issue BEGIN ourselves (below)
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA busy_timeout=30000")
            cur.close()

        @event.listens_for(engine, "begin")
        def _begin(conn):
            # writers take the write lock up front so two writers never deadlock on upgrade
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("marsad_write") else "BEGIN")
        return engine
    return create_engine(url, pool_pre_ping=True)


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _iso(d: date | str | None) -> str | None:
    return d.isoformat() if isinstance(d, date) else d


def _loads(s: str | None):
    return json.loads(s) if s else None


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


class Store:
    def __init__(self, url: str | None = None):
        self.url = engine_url(url)
        self.engine = _make_engine(self.url)
        self.dialect = self.engine.dialect.name
        self.writer = self.engine.execution_options(marsad_write=True)
        self._member_cache: dict[str, tuple[str | None, list[dict]]] = {}
        # SQLite already sorts NULLs last in DESC order, and only without the clause can it
        # walk an index instead of sorting the whole table
        self._nulls_last = " NULLS LAST" if self.dialect == "postgresql" else ""
        try:
            migrate(self.engine)
        except Exception as e:
            msg = storage_failure(e)
            if msg is None:
                raise
            self.engine.dispose()
            raise StoreError(f"cannot open the store {_redacted(self.url)}: {msg}") from None
        if self.dialect == "sqlite":
            self._analyze_if_never()

    # ------------------------------------------------------------------ planner statistics
    def analyze(self, limit: int | None = None) -> bool:
        """Refresh the query planner's statistics (after a bulk write).

        Without them SQLite drives filtered searches from a low-selectivity index (4 s instead
        of 20 ms for a country filter on 30k articles). `limit` bounds the rows SQLite samples
        per index. False when the database cannot be written (read-only): queries still work."""
        from sqlalchemy.exc import OperationalError
        try:
            with self.writer.begin() as conn:
                if self.dialect == "sqlite":
                    if limit:
                        conn.exec_driver_sql(f"PRAGMA analysis_limit={int(limit)}")
                    conn.exec_driver_sql("ANALYZE")
                    conn.exec_driver_sql("PRAGMA optimize")
                else:
                    conn.exec_driver_sql("ANALYZE")
            return True
        except OperationalError:
            return False

    def _analyze_if_never(self) -> None:
        """A store written before ingest ran ANALYZE (or by another tool) gets statistics once."""
        with self.engine.connect() as conn:
            has_stats = conn.execute(text("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")).first()
            has_rows = conn.execute(text("SELECT 1 FROM articles LIMIT 1")).first()
        if has_rows and not has_stats:
            self.analyze(limit=1000)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ------------------------------------------------------------------ writing
    def known_keys(self) -> tuple[set[str], set[str]]:
        """(ids, content hashes) already stored: lets ingest skip analysis of duplicates."""
        with self.engine.connect() as conn:
            rows = conn.execute(text("SELECT id, content_hash FROM articles")).all()
        return {r[0] for r in rows}, {r[1] for r in rows}

    def add_records(self, records: Iterable[dict[str, Any]]) -> AddResult:
        """Store Article records, each in its own transaction; duplicates are skipped."""
        result = AddResult()
        for rec in records:
            try:
                stored = self.add_record(rec)
            except StoreError:
                raise                    # the database, not the record: later ones fail alike
            except Exception as e:  # noqa: BLE001 - one bad record must not stop a batch
                result.failed += 1
                result.errors.append((str(rec.get("id")) if isinstance(rec, dict) else "?",
                                      f"{type(e).__name__}: {e}"))
                continue
            if stored:
                result.stored += 1
            else:
                result.duplicates += 1
        return result

    def add_record(self, rec: dict[str, Any]) -> bool:
        """Store one record; False if it was already stored. Raises ValueError if invalid."""
        item = prepare(rec)
        try:
            with self.writer.begin() as conn:
                return self._write(conn, item)
        except IntegrityError:
            return False                 # a concurrent writer stored it first
        except Exception as e:
            raise self._storage_error(e) or e

    def write_batch(self, items: list[dict[str, Any]]) -> list[bool | Exception]:
        """Store `prepare()`d records in one transaction; per item, stored / duplicate / the error.

        Bulk path: one duplicate check and one multi-row insert per table for the whole batch
        (a few statements instead of ~15 per article), events and incidents in article order.
        If any article makes that fail, the batch is rolled back and written again one
        article per savepoint, so a bad article is rolled back alone and the others stored.
        Either way an article is all-or-nothing. Raises StoreError, with the whole batch
        rolled back, when the database itself cannot be written (read-only, disk full):
        that is no fault of an article.
        """
        if not items:
            return []
        try:
            with self.writer.begin() as conn:
                return self._write_all(conn, items)
        except Exception as e:  # noqa: BLE001 - decided below: the database, or one article
            err = self._storage_error(e)
            if err is not None:
                raise err from None
        return self._write_each(items)

    def _write_each(self, items: list[dict[str, Any]]) -> list[bool | Exception]:
        """The careful path: each article in its own savepoint inside one transaction."""
        out: list[bool | Exception] = []
        try:
            with self.writer.begin() as conn:
                for item in items:
                    try:
                        with conn.begin_nested():
                            out.append(self._write(conn, item))
                    except IntegrityError:
                        out.append(False)
                    except Exception as e:  # noqa: BLE001 - reported per article
                        if storage_failure(e):
                            raise
                        out.append(e)
        except Exception as e:
            raise self._storage_error(e) or e
        return out

    def _storage_error(self, e: BaseException) -> StoreError | None:
        msg = storage_failure(e)
        if msg is None:
            return None
        return StoreError(f"cannot write to the store {_redacted(self.url)}: {msg}; "
                          "the transaction in progress was rolled back")

    def _write(self, conn, item: dict[str, Any]) -> bool:
        rec = item["record"]
        if conn.execute(text("SELECT 1 FROM articles WHERE id = :id OR content_hash = :h"),
                        {"id": rec["id"], "h": item["hash"]}).first():
            return False
        self._insert_articles(conn, [item])
        return True

    def _write_all(self, conn, items: list[dict[str, Any]]) -> list[bool]:
        """Insert the batch's new articles (not yet stored, by id or text hash) in bulk."""
        ids_, hashes_ = self._stored_keys(conn, [it["record"]["id"] for it in items], [it["hash"] for it in items])
        out, fresh = [], []
        for it in items:
            aid, h = it["record"]["id"], it["hash"]
            if aid in ids_ or h in hashes_:
                out.append(False)
                continue
            ids_.add(aid)
            hashes_.add(h)
            fresh.append(it)
            out.append(True)
        if fresh:
            self._insert_articles(conn, fresh)
        return out

    def _stored_keys(self, conn, ids: list[str], hashes: list[str]) -> tuple[set[str], set[str]]:
        """Which of `ids` and `hashes` the store already holds."""
        found_ids, found_hashes = set(), set()
        for col, values, found in (("id", ids, found_ids), ("content_hash", hashes, found_hashes)):
            values = list(dict.fromkeys(values))
            for k in range(0, len(values), 500):
                chunk = values[k:k + 500]
                names = ", ".join(f":v{n}" for n in range(len(chunk)))
                found.update(r[0] for r in conn.execute(
                    text(f"SELECT {col} FROM articles WHERE {col} IN ({names})"),
                    {f"v{n}": v for n, v in enumerate(chunk)}))
        return found_ids, found_hashes

    def _insert_articles(self, conn, items: list[dict[str, Any]]) -> None:
        """Rows of new articles, their children, full-text entries, events and incidents:
        one multi-row statement per table; incidents are assigned event by event in order."""
        at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        rows = []
        for item in items:
            rec = item["record"]
            published = rec["published"]
            rows.append({"id": rec["id"], "h": item["hash"], "url": rec["url"], "source": rec["source"],
                         "title": rec["title"], "published": published,
                         "pub_date": published[:10] if published else None, "language": rec["language"],
                         "text": rec["text"], "n": len(rec["events"]), "at": at,
                         "tt": item["title_terms"], "bt": item["body_terms"]})
        cols = ("INSERT INTO articles (id, content_hash, url, source, title, published, pub_date, language, "
                "text, event_count, ingested_at")
        vals = "VALUES (:id, :h, :url, :source, :title, :published, :pub_date, :language, :text, :n, :at"
        if self.dialect == "postgresql":
            conn.execute(text(cols + ", search_tsv) " + vals + ", setweight(to_tsvector('simple', :tt), 'A') "
                              "|| setweight(to_tsvector('simple', :bt), 'B'))"), rows)
        else:
            self._many(conn, cols + ") " + vals + ")", rows)
            # the full-text row's id is the article's seq, read back by the unique id
            self._many(conn, "INSERT INTO article_fts (rowid, title, body) "
                             "SELECT seq, :tt, :bt FROM articles WHERE id = :id", rows)
        ents, places, tags, keys, quotes = [], [], [], [], []
        for item in items:
            rec = item["record"]
            aid = rec["id"]
            ents += [{"a": aid, "i": i, **e, "key": _name_key(e.get("canonical") or e["text"])}
                     for i, e in enumerate(rec["entities"])]
            places += [{"a": aid, "i": i, **p, "mentions": _dumps(p["mentions"]), "key": _name_key(p["name"] or "")}
                       for i, p in enumerate(rec["places"])]
            tags += [{"a": aid, "i": i, "tag": t, "key": _name_key(t)} for i, t in enumerate(rec["tags"])]
            keys += [{"a": aid, "i": i, "text": k["text"], "score": k.get("score")}
                     for i, k in enumerate(rec["keyphrases"])]
            quotes += [{"a": aid, "i": i, **q} for i, q in enumerate(rec["quotes"])]
        many = [
            ("INSERT INTO entities (article_id, idx, text, start_char, end_char, type, subtype, canonical, "
             "entity_id, key) VALUES (:a, :i, :text, :start, :end, :type, :subtype, :canonical, :entity_id, :key)",
             ents),
            ("INSERT INTO places (article_id, idx, name, geonameid, lat, lon, country_code, admin1, feature, "
             "precision, mentions, key) VALUES (:a, :i, :name, :geonameid, :lat, :lon, :country_code, :admin1, "
             ":feature, :precision, :mentions, :key)", places),
            ("INSERT INTO tags (article_id, idx, tag, key) VALUES (:a, :i, :tag, :key)", tags),
            ("INSERT INTO keyphrases (article_id, idx, text, score) VALUES (:a, :i, :text, :score)", keys),
            ("INSERT INTO quotes (article_id, idx, speaker, speaker_id, verb, text, start_char, end_char) "
             "VALUES (:a, :i, :speaker, :speaker_id, :verb, :text, :start, :end)", quotes),
        ]
        for sql, params in many:
            if params:
                self._many(conn, sql, params)
        events: list[dict[str, Any]] = []
        for item in items:
            rec = item["record"]
            if rec["events"] and not events and self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(727374)"))   # incidents: read-modify-write
            for i, ev in enumerate(rec["events"]):
                row, merged = self._event_row(conn, rec, i, ev)
                if merged:                 # incidents folded into this one: so are our pending events
                    for r in events:
                        if r["incident_id"] in merged:
                            r["incident_id"] = row["incident_id"]
                events.append(row)
        if events:
            self._many(conn, (
                "INSERT INTO events (event_id, article_id, idx, event_type, sub_event_type, plover, date, "
                "date_precision, day, location_name, location_key, geonameid, lat, lon, country_code, admin1, "
                "location_precision, actor1, actor2, actor_keys, fatalities_low, fatalities_best, fatalities_high, "
                "injuries_low, injuries_best, injuries_high, data, incident_id) VALUES (:event_id, :article_id, "
                ":idx, :event_type, :sub_event_type, :plover, :date, :date_precision, :day, :location_name, "
                ":location_key, :geonameid, :lat, :lon, :country_code, :admin1, :location_precision, :actor1, "
                ":actor2, :actor_keys, :fl, :fb, :fh, :il, :ib, :ih, :data, :incident_id)"), events)

    def _many(self, conn, sql: str, rows: list[dict[str, Any]]) -> None:
        """One statement over many rows. sqlite3 binds :name parameters itself, so SQLite rows
        go straight to the driver (SQLAlchemy's per-row parameter processing cost more than
        the insert); PostgreSQL goes through SQLAlchemy, which adapts the parameter style."""
        if self.dialect == "sqlite":
            conn.exec_driver_sql(sql, rows)
        else:
            conn.execute(text(sql), rows)

    def _event_row(self, conn, rec: dict, idx: int, ev: dict) -> tuple[dict[str, Any], list[str]]:
        """The events row of one event, its incident assigned (and any incidents it merged)."""
        event_id = f"{rec['id']}:{idx}"
        feat = inc.features(ev, rec, event_id)
        incident_id, merged = self._assign_incident(conn, feat)
        loc = ev.get("location") or {}
        fat, inj = ev.get("fatalities") or {}, ev.get("injuries") or {}
        keys = sorted({k for k in (feat["actor1_key"], feat["actor2_key"]) if k})
        return ({"event_id": event_id, "article_id": rec["id"], "idx": idx, "event_type": ev["event_type"],
                 "sub_event_type": ev["sub_event_type"], "plover": ev["plover"], "date": ev.get("date"),
                 "date_precision": ev.get("date_precision"), "day": feat["day"],
                 "location_name": loc.get("name"), "location_key": feat["location_key"],
                 "geonameid": loc.get("geonameid"), "lat": loc.get("lat"), "lon": loc.get("lon"),
                 "country_code": loc.get("country_code"), "admin1": loc.get("admin1"),
                 "location_precision": loc.get("precision"), "actor1": feat["actor1"], "actor2": feat["actor2"],
                 "actor_keys": "|" + "|".join(keys) + "|" if keys else None,
                 "fl": fat.get("low"), "fb": fat.get("best"), "fh": fat.get("high"),
                 "il": inj.get("low"), "ib": inj.get("best"), "ih": inj.get("high"),
                 "data": _dumps(ev), "incident_id": incident_id}, merged)

    def _members(self, conn, rows) -> list[tuple[str, list[dict]]]:
        """Members of candidate incidents, decoded once per version.

        Every write gives an incident a fresh random version, so a cached member list is
        used only while the database still holds exactly that list (a rolled-back write's
        version never comes back)."""
        cache = self._member_cache
        if len(cache) > 200_000:                 # bound memory on huge stores
            cache.clear()
        missing = [r[0] for r in rows if r[1] is None or cache.get(r[0], (None,))[0] != r[1]]
        for k in range(0, len(missing), 500):
            chunk = missing[k:k + 500]
            names = ", ".join(f":i{n}" for n in range(len(chunk)))
            for iid, version, blob in conn.execute(
                    text(f"SELECT incident_id, version, members FROM incidents WHERE incident_id IN ({names})"),
                    {f"i{n}": v for n, v in enumerate(chunk)}):
                cache[iid] = (version, json.loads(blob)["members"])
        return [(r[0], cache[r[0]][1]) for r in rows]

    def _assign_incident(self, conn, feat: dict) -> tuple[str, list[str]]:
        win = inc.window(feat)
        candidates: list[tuple[str, list[dict]]] = []
        if win is not None:
            sql = ("SELECT incident_id, members FROM incidents WHERE family = :f "
                   "AND day_last >= :lo AND day_first <= :hi")
            params = {"f": feat["family"], "lo": win[0], "hi": win[1]}
            if feat["lat"] is not None and (feat["location_precision"] or 1) < 3:
                # only incidents placed within the radius (a box around it), in the same district
                # or place, or placed vaguely; complete linkage needs the most specific report
                # (whose place the incident carries) to agree, so nothing else can match
                sql += (" AND (lat IS NULL OR location_precision >= 3 OR location_key = :lk OR admin1 = :a1"
                        " OR (lat BETWEEN :lat0 AND :lat1 AND lon BETWEEN :lon0 AND :lon1))")
                dlat = inc.RADIUS_KM / 111.0 * 1.2
                dlon = dlat / max(0.2, math.cos(math.radians(feat["lat"])))
                params |= {"lk": feat["location_key"], "a1": feat["admin1"],
                           "lat0": feat["lat"] - dlat, "lat1": feat["lat"] + dlat,
                           "lon0": feat["lon"] - dlon, "lon1": feat["lon"] + dlon}
            elif feat["country_code"]:           # other countries' incidents cannot match
                sql += " AND (country_code = :cc OR country_code IS NULL)"
                params["cc"] = feat["country_code"]
            rows = conn.execute(text(sql.replace("SELECT incident_id, members", "SELECT incident_id, version")),
                                params).all()
            candidates = self._members(conn, rows)
        chosen, merged = inc.place_report(feat, candidates)
        if chosen is None:
            incident_id, members, is_new = inc.new_incident_id(feat), [feat], True
        else:
            incident_id = chosen
            by_id = dict(candidates)
            members = by_id[chosen] + [feat] + [m for other in merged for m in by_id[other]]
            is_new = False
            if merged:                    # the report bridges incidents: fold them into this one
                names = ", ".join(f":m{n}" for n in range(len(merged)))
                ids = {f"m{n}": v for n, v in enumerate(merged)}
                conn.execute(text(f"UPDATE events SET incident_id = :keep WHERE incident_id IN ({names})"),
                             ids | {"keep": incident_id})
                conn.execute(text(f"DELETE FROM incidents WHERE incident_id IN ({names})"), ids)
                for other in merged:
                    self._member_cache.pop(other, None)
        c = inc.consolidate(incident_id, members)
        blob = _dumps({"members": members, "report_ids": c["report_ids"], "outlets": c["outlets"],
                       "event_ids": c["event_ids"]})
        cols = ("family", "event_type", "sub_event_type", "plover", "day", "day_first", "day_last",
                "location_name", "location_key", "admin1", "country_code", "lat", "lon", "location_precision",
                "actor1", "actor2", "actor_keys", "fatalities_best", "fatalities_low", "fatalities_high",
                "injuries_best", "injuries_low", "injuries_high", "report_count", "outlet_count")
        params = {k: c[k] for k in cols} | {"incident_id": incident_id, "members": blob,
                                            "version": uuid.uuid4().hex,
                                            "updated_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}
        if is_new:
            names = ("incident_id",) + cols + ("members", "version", "updated_at")
            conn.execute(text(f"INSERT INTO incidents ({', '.join(names)}) VALUES "
                              f"({', '.join(':' + n for n in names)})"), params)
        else:
            sets = ", ".join(f"{n} = :{n}" for n in cols + ("members", "version", "updated_at"))
            conn.execute(text(f"UPDATE incidents SET {sets} WHERE incident_id = :incident_id"), params)
        return incident_id, merged

    # ------------------------------------------------------------------ filters
    @staticmethod
    def _event_where(f: Filters, alias: str) -> tuple[list[str], dict]:
        """Filter clauses over an events or incidents row (same column names)."""
        where, params = [], {}
        if f.since:
            where.append(f"{alias}.day >= :since")
            params["since"] = _iso(f.since)
        if f.until:
            where.append(f"{alias}.day <= :until")
            params["until"] = _iso(f.until)
        if f.country:
            where.append(f"{alias}.country_code = :country")
            params["country"] = f.country.upper()
        if f.place:
            where.append(f"{alias}.location_key = :place")
            params["place"] = normalize_key(f.place)
        if f.actor:
            where.append(f"{alias}.actor_keys LIKE :actor ESCAPE '\\'")
            params["actor"] = _like(normalize_key(f.actor))
        if f.event_type:
            where.append(f"({alias}.event_type = :etype OR {alias}.sub_event_type = :etype)")
            params["etype"] = f.event_type
        return where, params

    def _article_where(self, f: Filters, alias: str = "a") -> tuple[list[str], dict]:
        """Filter clauses over an articles row: dates on the article, the rest through its
        places, entities and events (correlated on article_id)."""
        # SQLite without statistics would drive these subqueries from the low-selectivity
        # country/type indexes (seconds on 30k articles); a unary + keeps it on article_id.
        pin = "+" if self.dialect == "sqlite" else ""
        where, params = [], {}
        if f.since:
            where.append(f"{alias}.pub_date >= :since")
            params["since"] = _iso(f.since)
        if f.until:
            where.append(f"{alias}.pub_date <= :until")
            params["until"] = _iso(f.until)
        if f.country:
            params["country"] = f.country.upper()
            where.append(f"(EXISTS (SELECT 1 FROM places p WHERE p.article_id = {alias}.id AND {pin}p.country_code = :country)"
                         f" OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = {alias}.id AND {pin}e.country_code = :country))")
        if f.place:
            params["place"] = normalize_key(f.place)
            where.append(f"EXISTS (SELECT 1 FROM places p WHERE p.article_id = {alias}.id AND {pin}p.key = :place)")
        if f.actor:
            params["actor"] = _like(normalize_key(f.actor))
            where.append(f"(EXISTS (SELECT 1 FROM entities n WHERE n.article_id = {alias}.id AND n.key LIKE :actor ESCAPE '\\')"
                         f" OR EXISTS (SELECT 1 FROM events e WHERE e.article_id = {alias}.id AND e.actor_keys LIKE :actor ESCAPE '\\'))")
        if f.event_type:
            params["etype"] = f.event_type
            where.append(f"EXISTS (SELECT 1 FROM events e WHERE e.article_id = {alias}.id "
                         f"AND ({pin}e.event_type = :etype OR {pin}e.sub_event_type = :etype))")
        return where, params

    # ------------------------------------------------------------------ reading
    def get_article(self, article_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            a = conn.execute(text("SELECT * FROM articles WHERE id = :id"), {"id": article_id}).mappings().first()
            if a is None:
                return None
            q = {"id": article_id}

            def rows(sql):
                return conn.execute(text(sql + " WHERE article_id = :id ORDER BY idx"), q).mappings().all()
            ents = rows("SELECT text, start_char, end_char, type, subtype, canonical, entity_id FROM entities")
            places = rows("SELECT name, geonameid, lat, lon, country_code, admin1, feature, precision, mentions FROM places")
            tags = rows("SELECT tag FROM tags")
            keys = rows("SELECT text, score FROM keyphrases")
            quotes = rows("SELECT speaker, speaker_id, verb, text, start_char, end_char FROM quotes")
            events = rows("SELECT event_id, incident_id, data FROM events")
        return {
            "id": a["id"], "url": a["url"], "source": a["source"], "title": a["title"],
            "published": a["published"], "language": a["language"], "text": a["text"],
            "tags": [t["tag"] for t in tags],
            "entities": [{"text": e["text"], "start": e["start_char"], "end": e["end_char"], "type": e["type"],
                          "subtype": e["subtype"], "canonical": e["canonical"], "entity_id": e["entity_id"]}
                         for e in ents],
            "places": [{**{k: p[k] for k in ("name", "geonameid", "lat", "lon", "country_code", "admin1",
                                               "feature", "precision")}, "mentions": json.loads(p["mentions"])}
                       for p in places],
            "events": [{**json.loads(e["data"]), "event_id": e["event_id"], "incident_id": e["incident_id"]}
                       for e in events],
            "keyphrases": [{"text": k["text"], "score": k["score"]} for k in keys],
            "quotes": [{"speaker": x["speaker"], "speaker_id": x["speaker_id"], "verb": x["verb"], "text": x["text"],
                        "start": x["start_char"], "end": x["end_char"]} for x in quotes],
        }

    def iter_articles(self, filters: Filters | None = None, limit: int | None = None,
                      offset: int = 0) -> Iterator[dict]:
        where, params = self._article_where(filters or Filters())
        sql = ("SELECT a.id, a.title, a.published, a.source, a.url, a.event_count FROM articles a"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY a.published DESC{self._nulls_last}, a.seq DESC")
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params |= {"limit": limit, "offset": offset}
        with self.engine.connect() as conn:
            for r in conn.execute(text(sql), params).mappings():
                yield dict(r)

    def list_articles(self, filters: Filters | None = None, limit: int = 50, offset: int = 0) -> list[dict]:
        return list(self.iter_articles(filters, limit, offset))

    def iter_article_features(self, filters: Filters | None = None) -> Iterator[dict]:
        """GeoJSON features: one MultiPoint per article over its geocoded places."""
        where, params = self._article_where(filters or Filters())
        sql = ("SELECT a.id, a.title, a.published, a.source, a.url, a.event_count, p.name, p.lat, p.lon "
               "FROM articles a JOIN places p ON p.article_id = a.id WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL"
               + (" AND " + " AND ".join(where) if where else "")
               + f" ORDER BY a.published DESC{self._nulls_last}, a.seq DESC, p.idx")
        current, feature = None, None
        with self.engine.connect() as conn:
            for r in conn.execute(text(sql), params).mappings():
                if r["id"] != current:
                    if feature:
                        yield feature
                    current = r["id"]
                    feature = {"type": "Feature", "geometry": {"type": "MultiPoint", "coordinates": []},
                               "properties": {k: r[k] for k in ("id", "title", "published", "source", "url",
                                                                "event_count")} | {"places": []}}
                feature["geometry"]["coordinates"].append([r["lon"], r["lat"]])
                feature["properties"]["places"].append(r["name"])
        if feature:
            yield feature

    def iter_events(self, filters: Filters | None = None, limit: int | None = None, offset: int = 0,
                    notes: bool = False) -> Iterator[dict]:
        """Events with event_id, article_id, incident_id and their article's source; with `notes`,
        also the text of their evidence sentences."""
        where, params = self._event_where(filters or Filters(), "e")
        sql = ("SELECT e.event_id, e.article_id, e.incident_id, e.data, a.source, a.published, a.title, a.url"
               + (", a.text" if notes else "") + " FROM events e JOIN articles a ON a.id = e.article_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY e.day DESC{self._nulls_last}, e.event_id")
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params |= {"limit": limit, "offset": offset}
        with self.engine.connect() as conn:
            for r in conn.execute(text(sql), params).mappings():
                ev = {**json.loads(r["data"]), "event_id": r["event_id"], "article_id": r["article_id"],
                      "incident_id": r["incident_id"], "source": r["source"], "published": r["published"],
                      "article_title": r["title"], "url": r["url"]}
                if notes:
                    body = r["text"]
                    spans = [(sp["start"], sp["end"]) if isinstance(sp, dict) else tuple(sp)
                             for sp in ev.get("evidence") or []]
                    ev["notes"] = " ".join(" ".join(body[a:b].split()) for a, b in spans)
                yield ev

    def list_events(self, filters: Filters | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        return list(self.iter_events(filters, limit, offset))

    def iter_incidents(self, filters: Filters | None = None, limit: int | None = None,
                       offset: int = 0) -> Iterator[dict]:
        where, params = self._event_where(filters or Filters(), "i")
        sql = ("SELECT * FROM incidents i" + (" WHERE " + " AND ".join(where) if where else "")
               + f" ORDER BY i.day DESC{self._nulls_last}, i.report_count DESC, i.incident_id")
        if limit is not None:
            sql += " LIMIT :limit OFFSET :offset"
            params |= {"limit": limit, "offset": offset}
        with self.engine.connect() as conn:
            for r in conn.execute(text(sql), params).mappings():
                yield incident_record(r)

    def list_incidents(self, filters: Filters | None = None, limit: int = 100, offset: int = 0) -> list[dict]:
        return list(self.iter_incidents(filters, limit, offset))

    def timeline(self, filters: Filters | None = None) -> list[dict[str, Any]]:
        """Events per day and event type, oldest day first: [{date, event_type, count}]."""
        where, params = self._event_where(filters or Filters(), "e")
        sql = ("SELECT e.day, e.event_type, COUNT(*) FROM events e WHERE e.day IS NOT NULL"
               + "".join(" AND " + w for w in where) + " GROUP BY e.day, e.event_type ORDER BY e.day, e.event_type")
        with self.engine.connect() as conn:
            rows = conn.execute(text(sql), params).all()
        return [{"date": day, "event_type": etype or "", "count": n} for day, etype, n in rows]

    def search(self, query: str, filters: Filters | None = None, limit: int = 20, offset: int = 0) -> list[dict]:
        from .search import search
        return search(self, query, filters or Filters(), limit, offset)

    def export(self, kind: str, fmt: str, filters: Filters | None = None) -> Iterator[str]:
        from .export import export
        return export(self, kind, fmt, filters or Filters())

    def stats(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            def one(sql):
                return conn.execute(text(sql)).scalar()
            out = {t: one(f"SELECT COUNT(*) FROM {t}") for t in
                   ("articles", "events", "incidents", "entities", "places", "quotes", "tags")}
            out["multi_report_incidents"] = one("SELECT COUNT(*) FROM incidents WHERE report_count > 1")
            out["sources"] = one("SELECT COUNT(DISTINCT source) FROM articles")
            out["first_published"] = one("SELECT MIN(published) FROM articles")
            out["last_published"] = one("SELECT MAX(published) FROM articles")
        return out


def prepare(rec: dict[str, Any]) -> dict[str, Any]:
    """The CPU work of storing a record, done before the write (ingest runs it in the workers):
    contract check, text hash and search terms. Raises ValueError for an invalid record."""
    problems = validate_record(rec)
    if problems:
        raise ValueError("invalid record: " + "; ".join(problems[:3]))
    return {"record": rec, "hash": content_hash(rec["text"]),
            "title_terms": " ".join(terms(rec["title"] or "")), "body_terms": " ".join(terms(rec["text"]))}


def incident_record(r) -> dict[str, Any]:
    """An incidents row as the consolidated, event-shaped dict the API and exports serve."""
    blob = json.loads(r["members"])
    has_loc = r["location_name"] is not None or r["lat"] is not None
    return {
        "incident_id": r["incident_id"],
        "event_type": r["event_type"], "sub_event_type": r["sub_event_type"], "plover": r["plover"],
        "date": r["day"], "date_first": r["day_first"], "date_last": r["day_last"],
        "location": {"name": r["location_name"], "lat": r["lat"], "lon": r["lon"],
                     "country_code": r["country_code"], "admin1": r["admin1"],
                     "precision": r["location_precision"]} if has_loc else None,
        "country_code": r["country_code"],
        "actor1": {"name": r["actor1"], "canonical": r["actor1"]} if r["actor1"] else None,
        "actor2": {"name": r["actor2"], "canonical": r["actor2"]} if r["actor2"] else None,
        "fatalities": {"low": r["fatalities_low"], "best": r["fatalities_best"], "high": r["fatalities_high"]},
        "injuries": {"low": r["injuries_low"], "best": r["injuries_best"], "high": r["injuries_high"]},
        "report_ids": blob["report_ids"], "event_ids": blob["event_ids"], "outlets": blob["outlets"],
        "report_count": r["report_count"], "outlet_count": r["outlet_count"],
    }


def open_store(url: str | None = None) -> Store:
    """Open (creating and migrating if needed) the store at `url`.

    None → $MARSAD_DB, else sqlite:///./marsad.db; "postgresql://user:pw@host/db" for PostgreSQL;
    a bare file path means a SQLite file.
    """
    return Store(url)
