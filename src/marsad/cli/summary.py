"""A readable, Arabic-first rendering of an Article record for terminals (`--summary`)."""
from __future__ import annotations

from typing import Any


def render_summary(rec: dict[str, Any], where: str, console) -> None:
    from rich.table import Table
    console.rule(f"[bold]{rec.get('title') or where}")
    console.print(f"[dim]{where} · id {rec['id']} · published {rec['published'] or '—'}[/dim]")
    if rec["tags"]:
        console.print("وسوم الناشر: " + "، ".join(rec["tags"]))
    if rec["entities"]:
        ents = {}
        for e in rec["entities"]:
            ents.setdefault((e.get("canonical") or e["text"], e["type"]), 0)
            ents[(e.get("canonical") or e["text"], e["type"])] += 1
        console.print("الكيانات: " + "، ".join(f"{n} ({t})" for (n, t) in ents))
    if rec["places"]:
        console.print("الأماكن: " + "، ".join(
            f"{p['name']} [{p.get('country_code') or '?'} {p['lat']:.2f},{p['lon']:.2f}]"
            if p.get("lat") is not None else p["name"] for p in rec["places"]))
    if rec["events"]:
        t = Table("date", "type", "sub-type", "plover", "where", "actor1", "actor2", "killed", "injured",
                  "reported by", show_lines=False)
        for ev in rec["events"]:
            loc = ev.get("location") or {}
            t.add_row(ev.get("date") or "—", ev["event_type"], ev["sub_event_type"], ev["plover"],
                      loc.get("name") or "—", (ev.get("actor1") or {}).get("name") or "—",
                      (ev.get("actor2") or {}).get("name") or "—",
                      str(ev["fatalities"].get("best") if ev["fatalities"].get("best") is not None else "—"),
                      str(ev["injuries"].get("best") if ev["injuries"].get("best") is not None else "—"),
                      "، ".join(ev.get("reported_by") or []) or "—")
        console.print(t)
    else:
        console.print("[dim]no events[/dim]")
    if rec["keyphrases"]:
        console.print("كلمات مفتاحية: " + "، ".join(k["text"] for k in rec["keyphrases"][:10]))
    for q in rec["quotes"][:5]:
        console.print(f"«{q['text'][:120]}» — {q.get('speaker') or '?'} ({q.get('verb') or ''})")
