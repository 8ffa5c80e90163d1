"""The actor catalogue: aliases, spelling variants and clitics reach one canonical actor."""
from marsad.entities import actors


def test_catalogue_is_large_and_well_formed():
    cat = actors.catalogue()
    assert len(cat) >= 150
    ids = [a.id for a in cat]
    assert len(ids) == len(set(ids))
    allowed = {None, "State forces", "Rebel groups", "Political militias", "Identity militias",
               "Rioters", "Protesters", "Civilians", "External/Other forces"}
    for a in cat:
        assert a.type in ("PER", "ORG", "LOC", "MISC"), a
        assert a.actor_type in allowed, a
        assert a.country is None or (len(a.country) == 2 and a.country.isupper()), a


def test_islamic_state_aliases_share_one_actor():
    names = ["تنظيم الدولة الإسلامية", "تنظيم الدولة", "داعش", "تنظيم داعش",
             "الدولة الإسلامية في العراق والشام", "«الدولة الإسلامية»", "الدوله الاسلاميه"]
    assert {actors.lookup(n).id for n in names} == {"isis"}


def test_state_forces_and_militias():
    assert actors.lookup("قوات الأسد").id == "sy-regime"
    assert actors.lookup("قوات النظام السوري").actor_type == "State forces"
    houthi = actors.lookup("الحوثيين")
    assert houthi.id == actors.lookup("أنصار الله").id == actors.lookup("ميليشيا الحوثي").id
    assert actors.lookup("الحشد الشعبي").actor_type == "Political militias"
    assert actors.lookup("الجيش التركي").country == "TR"
    assert actors.lookup("روسيا").type == "LOC"


def test_clitics_and_descriptors_are_stripped():
    assert actors.lookup("وحزب الله").id == "lb-hezbollah"
    assert actors.lookup("للتحالف الدولي").id == "coalition-intl"
    assert actors.lookup("طائرات التحالف الدولي").id == "coalition-intl"
    assert actors.lookup("عناصر تنظيم داعش").id == "isis"
    assert actors.lookup("مدينة لا توجد") is None


def test_weak_alias_links_but_is_not_matched_alone():
    assert actors.lookup("المرصد").id == "sohr"
    found = actors.match_actors("أكد المرصد أن القصف استمر")
    assert found == []


def test_match_actors_gives_offsets_into_the_text():
    text = "وقصفت قوات النظام السوري مواقع لـ«تنظيم الدولة» قرب الحدود مع تركيا"
    found = actors.match_actors(text)
    assert [(m.actor.id, text[m.start:m.end]) for m in found] == [
        ("sy-regime", "قوات النظام السوري"), ("isis", "تنظيم الدولة"), ("c-tr", "تركيا")]
