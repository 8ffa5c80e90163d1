"""Print gold events beside their evidence sentences, for reviewing annotations.

Usage: show_gold.py FILE.jsonl [ARTICLE_ID_SUBSTRING]
"""
from __future__ import annotations

import json
import sys

from find_articles import articles


def main() -> None:
    path = sys.argv[1]
    key = sys.argv[2] if len(sys.argv) > 2 else ""
    arts = articles()
    for line in open(path, encoding="utf-8"):
        rec = json.loads(line)
        if key not in rec["article_id"]:
            continue
        text = arts[rec["article_id"]]["text"]
        print(f"=== {rec['article_id'][:80]} [{rec['kind']}] pub={rec['published'][:10]} {rec.get('note', '')}")
        for ev in rec["events"]:
            loc = ev["location"]
            where = f"{loc['name']}({loc['country_code']},p{loc['precision']})" if loc else "-"
            f, i = ev["fatalities"], ev["injuries"]
            print(f"  * {ev['sub_event_type']}/{ev['plover']} {ev['date']}(p{ev['date_precision']}) @{where} "
                  f"a1={ev['actor1']} a2={ev['actor2']} fat={f['low']},{f['best']},{f['high']} "
                  f"inj={i['low']},{i['best']},{i['high']} by={ev['reported_by']} inc={ev['incident']}")
            for s, e in ev["evidence"]:
                print(f"      [{s}:{e}] {text[s:e][:220]}")


if __name__ == "__main__":
    main()
