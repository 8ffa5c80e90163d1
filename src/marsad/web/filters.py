"""The filters every list endpoint shares, parsed once from the query string into the
store's own `Filters`."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

from ..corpus.store import Filters
FILTER_FIELDS = ("since", "until", "country", "place", "actor", "event_type")

TEXT = 200     # longest accepted filter value, in characters


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def filter_params(
    since: Annotated[date | None, Query(description="earliest date, YYYY-MM-DD")] = None,
    until: Annotated[date | None, Query(description="latest date, YYYY-MM-DD")] = None,
    country: Annotated[str | None, Query(max_length=TEXT, description="ISO country code, e.g. SY")] = None,
    place: Annotated[str | None, Query(max_length=TEXT, description="place name")] = None,
    actor: Annotated[str | None, Query(max_length=TEXT, description="actor name or canonical name")] = None,
    event_type: Annotated[str | None, Query(max_length=TEXT, description="ACLED event type or sub-event type")] = None,
):
    """FastAPI dependency: the shared filters as the store's `Filters`."""
    country = _clean(country)
    return Filters(since=since, until=until, country=country.upper() if country else None, place=_clean(place),
                   actor=_clean(actor), event_type=_clean(event_type))
