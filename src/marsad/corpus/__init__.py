"""The corpus: Article records stored (SQLite or PostgreSQL), searched, merged into
incidents across outlets, and exported.

    store.py      open_store(url) → Store: one schema (schema.py migrations), one transaction per article
    ingest.py     read → skip stored → analyze in a process pool → write (idempotent, crash-safe)
    feeds.py      RSS/Atom entries as input articles (file or URL)
    terms.py      normalization + light stemming shared by index and query
    search.py     FTS5 / tsvector ranking, snippets from the original text
    incidents.py  incremental complete-linkage clustering of event reports
    export.py     JSONL, ACLED-named CSV, GeoJSON
    evaluate.py   `marsad eval incidents`
"""
