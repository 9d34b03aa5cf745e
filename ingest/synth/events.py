"""Genres that report a meeting: working sessions, conferences, inspections, receptions.

Each genre function fills a :class:`~ingest.synth.compose.Draft` and returns False when the world
lacks the cast it needs (a vacant post), so that the caller picks another genre. What a template
slot means for the gold is decided here: {leader} led, {people} attended, {speaker} spoke.
"""
from __future__ import annotations

from datetime import timedelta
from typing import Any

from ingest.synth.compose import Draft
from ingest.synth.data import by_key, table, templates
from ingest.synth.directives import Directive
from ingest.synth.world import Person

_UVTV_POSTS = ["pct_ubnd_tt", "tb_tc", "tb_tg", "tb_dv", "tb_nc", "cn_ubkt", "ct_mttq", "pbt_tt"]
_COMPANIONS = ["pct_ubnd", "tb_tg", "tb_dv", "gd_so", "cvp_ubnd", "ptd_dbqh", "pct_hdnd"]


def _np(d: Draft, person: Person, mode: str = "") -> str:
    return d.w.np(person.who, d.refs(person), mode or d.rng.choice(("after", "after", "before", "dash", "")))


def _people(d: Draft, persons: list[Person]) -> str:
    return d.w.people_list([(p.who, d.refs(p)) for p in persons])


def _district_leaders(d: Draft, code: str, exclude: set[int]) -> list[Person]:
    return d.officials(["bt_hu", "ct_ubnd_h", "ct_hdnd_h"], code, d.rng.randint(1, 2), exclude)


def working_session(d: Draft) -> bool:
    rng, w, exclude = d.rng, d.w, set()
    host_side: list[Person] = []
    if rng.random() < 0.3:                                   # a ministry's delegation to the province
        sector = rng.choice(table("sectors"))["key"]
        ministry = d.world.units["m:" + sector]
        leaders = d.officials(["thu_truong"], ministry.code, 1, exclude) or d.officials(["bo_truong"], ministry.code, 1, exclude)
        body = w.body("bo", ministry)
        group = (f"Đoàn công tác của {body.text}", f"Đoàn công tác của {body.canonical}")
        host = w.body("ubnd", d.province, named=True)
        companions: list[Person] = []
        host_side = d.officials(["pct_ubnd", "pct_ubnd_tt"], d.province.code, 1, exclude)
        director = d.holder("gd_so", d.province.code, sector)
        if director is not None and director.who.pid not in exclude:
            exclude.add(director.who.pid)
            host_side.append(director)
    else:
        kind = rng.choice(("btv", "btv", "hdnd", "ubnd"))
        district = d.district()
        if district is None:
            return False
        if kind == "btv":
            leaders = d.officials(_UVTV_POSTS, d.province.code, 1, exclude)
            body = w.body("btv_tu", d.province)
            prefix = rng.choice(("Đoàn công tác", f"Đoàn kiểm tra số {rng.randint(1, 9)}", f"Tổ giám sát số {rng.randint(1, 6)}"))
            host = w.body(rng.choice(("hu", "btv_hu")), district)
        elif kind == "hdnd":
            leaders = d.officials(["ct_hdnd", "pct_hdnd"], d.province.code, 1, exclude)
            body, prefix = w.body("hdnd", d.province), "Đoàn giám sát"
            host = w.body("ubnd_h", district)
        else:
            leaders = d.officials(["pct_ubnd", "pct_ubnd_tt"], d.province.code, 1, exclude)
            body, prefix = w.body("ubnd", d.province), rng.choice(("Đoàn công tác", f"Tổ công tác số {rng.randint(1, 5)}"))
            host = w.body(rng.choice(("ubnd_h", "hu")), district)
        group = (f"{prefix} của {body.text}", f"{prefix} của {body.canonical}")
        w.org(group[1])
        companions = d.officials(_COMPANIONS, d.province.code, rng.randint(0, 2), exclude)
        host_side = _district_leaders(d, district.code, exclude)
    if not leaders:
        return False
    leader = leaders[0]
    w.cast(leader.who, *(p.who for p in companions + host_side))
    ev, phrase = w.event(d.when, f"buổi làm việc với {host.canonical}")
    purpose, directive = _purpose(d)
    fields: dict[str, Any] = {"date": phrase, "group": group[0], "host": host.text, "purpose": purpose}
    d.say("working_session", "open", leader=_np(d, leader), **fields)
    ev.add(leader.who, "led", group[1])
    if companions:
        d.say("working_session", "with", people=_people(d, companions))
        for p in companions:
            ev.add(p.who, "attended")
    speakers = host_side[:1] if host_side and rng.random() < 0.8 else []
    listed = [p for p in host_side if p not in speakers] if rng.random() < 0.5 else []
    if listed:
        d.say("working_session", "host_side", people=_people(d, listed), host=host.text)
        for p in listed:
            ev.add(p.who, "attended")
    d.noise(4, 8)
    if directive is not None and d.when > directive.date + timedelta(days=60):
        months = (d.when - directive.date).days // 30
        d.say("working_session", "background", host=host.text, months=str(months),
              dref=w.dref(directive, with_date=0.0, with_issuer=0.0).text)
        d.noise(2, 5)
    for p in speakers:
        d.say("working_session", "report", speaker=_np(d, p), host=host.text)
        ev.add(p.who, "spoke")
    d.noise(2, 6)
    d.say("working_session", "conclude", leader_again=w.again(leader.who, leader.slots, title_only=True), host=host.text)
    if rng.random() < 0.7:
        d.say("working_session", "tasks", host=host.text)
    if rng.random() < 0.3:
        d.paragraph()
        d.say("working_session", "caption", person=_np(d, leader, "after"), host=host.text)
    d.title = d.fill(d.pick("working_session", "title"), {"group_title": group[0], "host": host.text})
    return True


def _purpose(d: Draft) -> tuple[str, Directive | None]:
    directive = d.citable() if d.rng.random() < 0.6 else None
    if directive is None:
        return (f"về công tác {d.subject()}" if d.rng.random() < 0.5 else d.fill(
            "về tình hình thực hiện nhiệm vụ phát triển kinh tế - xã hội {period}", {})), None
    dref = d.w.dref(directive, subject=d.rng.random() < 0.5).text
    return d.fill(d.rng.choice([t for t in templates()["purpose"] if "{dref}" in t]), {"dref": dref}), directive


def conference(d: Draft) -> bool:
    rng, w, exclude = d.rng, d.w, set()
    kind = rng.choice(("btv_tu", "tu", "ubnd", "ubnd", "hdnd", "mttq", "so", "bo"))
    attendees_from, attendee_keys, area = d.province.code, _COMPANIONS + _UVTV_POSTS, None
    if kind in ("btv_tu", "tu"):
        leaders = d.officials(["bt"], d.province.code, 1, exclude) or d.officials(["pbt_tt"], d.province.code, 1, exclude)
        org = w.body(kind, d.province)
    elif kind in ("ubnd", "hdnd", "mttq"):
        keys = {"ubnd": ["ct_ubnd", "pct_ubnd_tt", "pct_ubnd"], "hdnd": ["ct_hdnd"], "mttq": ["ct_mttq"]}[kind]
        leaders = d.officials(keys, d.province.code, 1, exclude)
        org = w.body(kind, d.province)
    elif kind == "so":
        sector = rng.choice(table("sectors"))["key"]
        leaders = [p for p in [d.holder("gd_so", d.province.code, sector)] if p is not None]
        exclude.update(p.who.pid for p in leaders)
        org = w.body("so", d.province, sector)
        attendee_keys, area = ["pct_ubnd", "pct_ubnd_tt"], by_key("sectors")[sector]["area"]
    else:
        ministry = d.world.units["m:" + rng.choice(table("sectors"))["key"]]
        leaders = d.officials(["bo_truong", "thu_truong"], ministry.code, 1, exclude)
        org, area = w.body("bo", ministry), by_key("sectors")[ministry.code[2:]]["area"]
        attendees_from, attendee_keys = ministry.code, ["thu_truong"]
    if not leaders:
        return False
    leader = leaders[0]
    attendees = d.officials(attendee_keys, attendees_from, rng.randint(1, 3), exclude)
    speakers = d.officials(["gd_so", "tb_tg", "cvp_ubnd"], d.province.code, rng.randint(0, 2), exclude)
    district = d.district()
    if district is not None and rng.random() < 0.4:
        speakers += _district_leaders(d, district.code, exclude)[:1]
    w.cast(leader.who, *(p.who for p in attendees + speakers))
    conf_text, conf_led = _conference_name(d, area)
    ev, phrase = w.event(d.when, conf_led)
    if rng.random() < 0.6:
        d.say("conference", "open", date=phrase, org=org.text, conf=conf_text)
        d.say("conference", "chair", leader=_np(d, leader))
    else:
        d.say("conference", "open_chair", date=phrase, org=org.text, conf=conf_text, leader=_np(d, leader))
    ev.add(leader.who, "led", conf_led)
    if attendees:
        d.say("conference", "with", people=_people(d, attendees))
        for p in attendees:
            ev.add(p.who, "attended")
    d.noise(4, 8)
    for p in speakers:
        d.say("conference", "speech", speaker=_np(d, p))
        ev.add(p.who, "spoke")
    d.noise(4, 8)
    d.say("conference", "conclude", leader_again=w.again(leader.who, leader.slots, title_only=True))
    if rng.random() < 0.7:
        d.say("conference", "tasks")
    if rng.random() < 0.25:
        d.paragraph()
        d.say("conference", "caption", person=_np(d, leader, "after"))
    d.title = d.fill(d.pick("conference", "title"), {"conf_title": conf_led, "org": org.text})
    return True


def _conference_name(d: Draft, area: str | None = None) -> tuple[str, str]:
    """(as written, as the gold's `led` names it): the directive cut to its kind and number.

    A review "of N years" of a directive comes N years after it; a directive is "disseminated"
    (quán triệt) in its first months only."""
    directive = d.citable() if area is None else None
    age = (d.when - directive.date).days if directive is not None else 0
    options = [t for t in templates()["conf"] if "{dref}" not in t
               or (directive is not None and ("{years}" in t and age >= 365 or "{years}" not in t and age < 200))]
    template = str(d.rng.choice(options))
    fields = {"years": str(max(1, age // 365)), "subject": d.subject(area), "period": d.fill("{period}", {})}
    if directive is None or "{dref}" not in template:
        text = d.fill(template, fields)
        return text, text
    dref = d.w.dref(directive, with_date=0.5, with_issuer=0.6)
    return d.fill(template, {**fields, "dref": dref.text}), d.fill(template, {**fields, "dref": dref.canonical})


def inspection(d: Draft) -> bool:
    rng, w, exclude = d.rng, d.w, set()
    district = d.district()
    leaders = d.officials(["pct_ubnd", "pct_ubnd_tt", "ct_ubnd"], d.province.code, 1, exclude)
    if district is None or not leaders:
        return False
    leader = leaders[0]
    companions = d.officials(["gd_so", "cvp_ubnd"], d.province.code, rng.randint(0, 2), exclude)
    speakers = _district_leaders(d, district.code, exclude)[:1] if rng.random() < 0.7 else []
    w.cast(leader.who, *(p.who for p in companions + speakers))
    if rng.random() < 0.5:
        body = w.body("ubnd", d.province)
        group = (f"Đoàn công tác của {body.text}", f"Đoàn công tác của {body.canonical}")
    else:
        group = (f"đoàn công tác của {d.province.words['unit']}",) * 2
    place = f"{district.words['dunit']} {district.words['D']}"
    topic = d.fill("{inspect_topic}", {})
    ev, phrase = w.event(d.when, f"kiểm tra {topic} tại {place}")
    d.say("inspection", "open", date=phrase, leader=_np(d, leader), group=group[0], inspect_topic=topic, district=place)
    ev.add(leader.who, "led", group[1])
    if companions:
        d.say("inspection", "with", people=_people(d, companions))
        for p in companions:
            ev.add(p.who, "attended")
    d.noise(4, 8)
    for p in speakers:
        d.say("inspection", "report", speaker=_np(d, p))
        ev.add(p.who, "spoke")
    district_body = w.body("ubnd_h", district).text
    d.say("inspection", "conclude", leader_again=w.again(leader.who, leader.slots), district_body=district_body)
    d.noise(2, 5)
    d.title = d.fill(d.pick("inspection", "title"), {
        "inspect_topic": topic, "district": place,
        "leader_title": w.title_posts(leader.who, leader.slots[-1:]) + " " + leader.who.name})
    return True


def reception(d: Draft) -> bool:
    rng, w, exclude = d.rng, d.w, set()
    hosts = d.officials(["ct_ubnd", "bt", "pct_ubnd_tt"], d.province.code, 1, exclude)
    if rng.random() < 0.6:
        ministry = d.world.units["m:" + rng.choice(table("sectors"))["key"]]
        guests = d.officials(["thu_truong", "bo_truong"], ministry.code, 1, exclude)
        body = w.body("bo", ministry)
    else:
        other = d.world.units[rng.choice([p for p in d.world.provinces() if p != d.province.code])]
        guests = d.officials(["pct_ubnd", "pct_ubnd_tt"], other.code, 1, exclude)
        body = w.body("ubnd", other, named=True)
    if not hosts or not guests:
        return False
    host, guest = hosts[0], guests[0]
    w.visitor(guest.who)
    delegation = (f"Đoàn công tác của {body.text}", f"Đoàn công tác của {body.canonical}")
    w.org(delegation[1])
    attendees = d.officials(["gd_so", "cvp_ubnd", "pct_ubnd"], d.province.code, rng.randint(0, 2), exclude)
    w.cast(host.who, guest.who, *(p.who for p in attendees))
    ev, phrase = w.event(d.when, f"buổi tiếp {delegation[1]}")
    host_body = w.body("ubnd", d.province).text
    d.say("reception", "open", date=phrase, host_body=host_body, host_leader=_np(d, host),
          delegation=delegation[0], guest=_np(d, guest, rng.choice(("after", "before"))))
    ev.add(host.who, "led", f"buổi tiếp {delegation[1]}")
    ev.add(guest.who, "led", delegation[1])
    if attendees:
        d.say("reception", "with", people=_people(d, attendees))
        for p in attendees:
            ev.add(p.who, "attended")
    d.noise(4, 8)
    d.say("reception", "guest_speech", guest_again=w.again(guest.who))
    d.say("reception", "host_speech", host_again=w.again(host.who))
    d.noise(4, 8)
    d.title = d.fill(d.pick("reception", "title"), {
        "delegation": delegation[0], "place": f"{d.province.words['unit']} {d.province.name}",
        "host_leader_title": w.title_posts(host.who, host.slots[-1:]) + " " + host.who.name})
    return True
