"""HTML pages: main text, title, date and tags via trafilatura (boilerplate removed)."""
from __future__ import annotations

from ..errors import InputError


def parse_html_article(html: str, where: str = "<input>", url: str | None = None) -> dict:
    try:
        import trafilatura
    except ImportError as e:  # pragma: no cover - a declared dependency
        raise InputError("HTML input needs the 'trafilatura' package", where) from e
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=True)
    except Exception as e:  # noqa: BLE001 - lxml raises many kinds on broken markup
        raise InputError(f"cannot parse HTML ({type(e).__name__})", where) from None
    if doc is None:
        raise InputError("no article text found in the HTML page", where)
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    if not text:
        raise InputError("no article text found in the HTML page", where)
    tags = data.get("tags") or data.get("categories") or []
    if isinstance(tags, str):
        tags = [t.strip() for t in tags.split(",") if t.strip()]
    return {"title": data.get("title") or None, "published": data.get("date") or None,
            "text": text, "tags": list(tags), "url": data.get("url") or url,
            "source": data.get("sitename") or data.get("hostname") or None}
