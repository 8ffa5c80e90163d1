"""Property-based fuzzing of every API operation from its own OpenAPI schema
(schemathesis): whatever the generated input, the server never answers 5xx.
Bounded (30 examples an operation, derandomized) to keep the suite well under a minute."""
from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis", reason="needs schemathesis (pip install schemathesis)")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from web_helpers import StubPipeline, make_store  # noqa: E402


def _app():
    import tempfile
    from pathlib import Path

    from marsad.web.app import create_app
    try:
        store = make_store("sqlite", Path(tempfile.mkdtemp(prefix="marsad-schema-")))
    except ImportError:
        store = make_store("fake", Path("."))
    # Analysis itself is fuzzed with the real pipeline in test_analyze_fuzz_with_real_pipeline; here the
    # stub keeps each example fast so every operation gets its share of the budget.
    return create_app(store=store, pipeline=StubPipeline())


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    from schemathesis.checks import not_a_server_error
    case.call_and_validate(checks=[not_a_server_error])


@settings(max_examples=15, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@given(text=st.text(min_size=1, max_size=400))
def test_analyze_fuzz_with_real_pipeline(text):
    """Arbitrary pasted text through the real pipeline: a record or a readable 422, never a 500."""
    client = _real_pipeline_client()
    r = client.post("/analyze", json={"text": text})
    assert r.status_code in (200, 422), r.text
    if r.status_code == 200:
        from marsad.record import validate_record
        assert validate_record(r.json()) == []


_CLIENT = []


def _real_pipeline_client():
    if not _CLIENT:
        from fastapi.testclient import TestClient

        from marsad.web.app import create_app
        from web_fakes import FakeStore
        _CLIENT.append(TestClient(create_app(store=FakeStore()), raise_server_exceptions=False))
    return _CLIENT[0]
