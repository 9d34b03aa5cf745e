"""Genres about people and documents: appointments, elections, congresses, new directives.

They report the world's recent :class:`~ingest.synth.world.Move` and
:class:`~ingest.synth.world.Congress` records. The person appointed or elected is only talked
about (no event role) unless they speak; their new post is recorded as written, the post they
leave with "nguyên " in front (GUIDELINES.md, positions).
"""
from __future__ import annotations

from ingest.synth.compose import Draft
from ingest.synth.data import by_key
from ingest.synth.surface import roman
from ingest.synth.units import post_body
from ingest.synth.world import Move

_ACTIONS = {"state": ("bổ nhiệm", "điều động, bổ nhiệm"), "party": ("điều động, bổ nhiệm", "điều động, chỉ định"),
            "premier": ("bổ nhiệm",), "politburo": ("điều động, chỉ định",)}
_DISMISSED_BY = {"state": ("ubnd", ""), "party": ("btv_tu", ""), "politburo": ("bct", "c"), "premier": ("ttg", "c")}
_SUPERIOR = {"state": ("ct_ubnd", "ubnd"), "party": ("bt", "btv_tu"), "politburo": ("pbt_tt", "tu"),
             "premier": ("bo_truong", "bo")}


def _subject(d: Draft, move: Move) -> str:
    """The appointee with the post they leave (recorded as former), or bare."""
    if move.old is None or d.rng.random() < 0.15:
        return d.w.np(move.who, [])
    explicit = d.rng.random() < 0.25
    return d.w.np(move.who, [move.old], d.rng.choice(("after", "after", "dash")),
                  former=frozenset({move.old}) if explicit else frozenset(),
                  left=frozenset() if explicit else frozenset({move.old}))


def appointment(d: Draft, move: Move) -> bool:
    rng, w = d.rng, d.w
    superior_key, org_key = _SUPERIOR[move.how]
    body_key, body_unit, sub = post_body(move.new)
    home = d.world.units["m:" + move.new.unit[2:]] if move.how == "premier" else d.province
    superior = d.holder(superior_key, home.code)
    if superior is not None and superior.who.pid == move.who.pid:
        superior = None
    w.cast(move.who, *([superior.who] if superior else []), *([move.predecessor] if move.predecessor else []))
    new_post, canonical = w.post(move.who, move.new, True)
    w.record(move.who, canonical)
    action = rng.choice(_ACTIONS[move.how])

    def dref() -> str:          # written (and recorded) only where the sentence uses it
        if move.decision is None:
            return "Quyết định của Bộ Chính trị"
        return w.dref(move.decision, with_date=0.6, with_issuer=0.7).text

    if rng.random() < 0.6:
        org = w.body(org_key, home)
        ev, phrase = w.event(d.when, "hội nghị công bố quyết định về công tác cán bộ")
        d.say("appointment", "open", date=phrase, org=org.text)
        if superior is not None and rng.random() < 0.7:
            d.say("appointment", "with", people=w.np(superior.who, d.refs(superior)))
            ev.add(superior.who, "attended")
        announcer = {"state": lambda: w.body("ubnd", d.province), "premier": lambda: w.body("bo", home),
                     "politburo": lambda: w.body("ban_tctw", d.world.units["c"]),
                     "party": lambda: w.body(rng.choice(("ban_tc", "btv_tu")), d.province)}[move.how]().text
        d.say("appointment", "decision", announcer=announcer, dref=dref(), action=action,
              subject_person=_subject(d, move), new_post=new_post)
        d.noise(1, 3)
        if superior is not None:
            d.say("appointment", "superior_speech", speaker=w.again(superior.who, superior.slots)
                  if w.introduced(superior.who) else w.np(superior.who, d.refs(superior)),
                  subject_again=w.again(move.who))
            ev.add(superior.who, "spoke")
        if rng.random() < 0.6:
            d.say("appointment", "acceptance", subject_again=w.again(move.who),
                  new_body=w.body(body_key, body_unit, sub).text,
                  superior=w.body(org_key, home).text)
            ev.add(move.who, "spoke")
        title_org = org.text
    else:
        if move.decision is not None and rng.random() < 0.5:
            issuer = w.body(move.decision.issuer, d.world.units[move.decision.unit])
            bare = w.dref(move.decision, with_date=0.5, with_issuer=0.0).text
            w.directives[move.decision.number]["issuer"] = issuer.canonical
            signed = "ký" if move.decision.issuer in ("ct_ubnd", "ttg") else "ban hành"
            d.say("appointment", "brief", issuer_office=issuer.text, dref=bare, action=action, signed=signed,
                  subject_person=_subject(d, move), new_post=new_post)
        else:
            d.say("appointment", "according", dref=dref(), subject_person=_subject(d, move), action=action,
                  new_post=new_post)
        title_org = w.body(org_key, home).text
    _predecessor(d, move, "appointment")
    _bio(d, move)
    d.noise(4, 8)
    d.title = d.fill(d.pick("appointment", "title"), {
        "org": title_org, "new_post_title": new_post,
        "place_cap": f"{d.province.words['unit']} {d.province.name}"})
    return True


def _bio(d: Draft, move: Move, genre: str = "appointment") -> None:
    if d.rng.random() < 0.5:
        return
    home = d.world.units[d.rng.choice(d.world.districts[d.province.code])]
    d.paragraph()
    d.say(genre, "bio", subject_again=d.w.again(move.who), born=str(move.date.year - d.rng.randint(40, 55)),
          hometown=f"{home.words['dunit']} {home.words['D']}, {d.province.words['unit']} {d.province.name}")


def _predecessor(d: Draft, move: Move, genre: str) -> None:
    if move.predecessor is None or move.predecessor == move.who or d.rng.random() < 0.4:
        return
    old_text, old_canonical = d.w.post(move.predecessor, move.predecessor_post or move.new, True)
    d.w.record(move.predecessor, f"nguyên {old_canonical}")
    name = d.w.np(move.predecessor, [])
    if genre == "election":
        slot = "dismissal"
        if not move.predecessor_retired:
            d.paragraphs[-1].append(d.fill(
                "Trước đó, kỳ họp đã miễn nhiệm chức vụ {old_post} đối với {predecessor} do được điều động nhận nhiệm vụ mới.",
                {"old_post": old_text, "predecessor": name}))
            return
        template = d.pick("election", slot).replace("do được điều động nhận nhiệm vụ mới", "để nghỉ hưu theo chế độ")
    else:
        template = d.pick("appointment", "predecessor" if move.predecessor_retired else "rotation_note")
    body, where = _DISMISSED_BY.get(move.how, ("ubnd", ""))
    superior = d.w.body(body, d.world.units[where] if where else d.province).text
    d.paragraphs[-1].append(d.fill(template, {"old_post": old_text, "predecessor": name, "superior": superior}))


def election(d: Draft, move: Move) -> bool:
    rng, w = d.rng, d.w
    body_key, unit, sub = post_body(move.new)
    district = unit.level == "district"
    council = w.body("hdnd_h" if district else "hdnd", unit)
    chair_keys = ["ct_hdnd_h"] if district else ["ct_hdnd", "pct_hdnd"]
    chairs = [p for p in d.officials(chair_keys, unit.code, 2, {move.who.pid}) if p.who != move.predecessor]
    guests = d.officials(["bt_hu"] if district else ["bt", "pbt_tt"], unit.code, 1, {move.who.pid})
    w.cast(move.who, *(p.who for p in chairs[:1] + guests), *([move.predecessor] if move.predecessor else []))
    new_post, canonical = w.post(move.who, move.new, True)
    w.record(move.who, canonical)
    start = max(y for y in (2011, 2016, 2021) if move.date >= move.date.replace(year=y, month=6, day=1))
    term = roman(9 + (start - 2011) // 5 + (int(unit.code[1:]) % 3 if unit.code[1:].isdigit() else 0))
    session = 1 + ((move.date.year - start) * 12 + move.date.month - 6) // 6
    name = f"kỳ họp thứ {max(session, 1)} {council.canonical} khóa {term}"
    ev, phrase = w.event(d.when, name)
    fields = {"date": phrase, "council": council.text, "term": term, "term_years": f"{start}-{start + 5}",
              "session": str(max(session, 1))}
    d.say("election", "open", **fields)
    if chairs:
        d.say("election", "chair", leader=w.np(chairs[0].who, d.refs(chairs[0])))
        ev.add(chairs[0].who, "led", name)
    if guests:
        d.say("election", "with", people=w.np(guests[0].who, d.refs(guests[0])))
        ev.add(guests[0].who, "attended")
    seats = rng.randint(30, 95)
    d.paragraph()
    d.say("election", "result", subject_person=_subject(d, move), new_post=new_post, votes=str(seats - rng.randint(0, 4)),
          seats=str(seats), council_again=w.body("hdnd_h" if district else "hdnd", unit).text)
    _predecessor(d, move, "election")
    if rng.random() < 0.6:
        d.say("election", "acceptance", subject_again=w.again(move.who), new_body=w.body(body_key, unit, sub).text)
        ev.add(move.who, "spoke")
    _bio(d, move, "appointment")
    d.noise(4, 8)
    d.title = d.fill(d.pick("election", "title"), {
        "council_short": council.text, "new_post_title": new_post, "session": fields["session"],
        "council_title": council.text})
    return True


def congress(d: Draft) -> bool:
    rng, w = d.rng, d.w
    record = d.world.congresses.get(d.province.code)
    if record is None or not (0 <= (d.when - record.date).days <= 20) or record.date.year != d.when.year:
        return False
    d.when = record.date
    guest = d.holder(rng.choice(("tb_tctw", "tb_kttw", "tb_dvtw")), "c") or d.holder("ptt", "c", "1")
    if guest is None:
        return False
    pc, term = d.province.words["PC"], roman(record.term)
    w.cast(record.secretary, guest.who, *record.deputies, *record.standing)
    place = f"{d.province.words['unit']} {d.province.name}"
    for org in (f"Đảng bộ {place}", f"Ban Chấp hành Đảng bộ {d.province.words['unit']} khóa {term}", f"Ban Thường vụ {pc}"):
        w.org(org)
    ev, phrase = w.event(d.when, f"Đại hội đại biểu Đảng bộ {place} lần thứ {term}")
    d.say("congress", "open", date=phrase, place_named=place, term=term,
          term_years=f"{record.years[0]}-{record.years[1]}", days=str(rng.randint(2, 3)))
    d.say("congress", "guest", speaker=w.np(guest.who, d.refs(guest, 1.0), rng.choice(("after", "before"))))
    ev.add(guest.who, "spoke")
    d.paragraph()
    d.say("congress", "standing", unit=d.province.words["unit"], term=term, PC=pc, n_members=str(len(record.standing)))
    if rng.random() < 0.7:
        members = list(record.standing)
        d.say("congress", "standing_list", PC=pc, term=term, names=", ".join(m.name for m in members))
        for m in members:
            w.record(m, f"Ủy viên Ban Thường vụ {pc} khóa {term}")
    w.record(record.secretary, f"Bí thư {pc}")
    template = d.pick("congress", "secretary")
    if not record.reelected:
        template = template.replace("tiếp tục ", "")
    d.paragraphs[-1].append(d.fill(template, {"subject_person": w.np(record.secretary, []), "PC": pc}))
    if record.deputies:
        if len(record.deputies) == 1:
            people = f"{w.honorific(record.deputies[0])} {record.deputies[0].name}"
        else:
            people = "các đồng chí " + " và ".join(x.name for x in record.deputies)
        for x in record.deputies:
            w.record(x, f"Phó Bí thư {pc}")
        d.say("congress", "deputies", subject_people=people, PC=pc)
    d.noise(4, 8)
    d.say("congress", "closing", closer=w.again(record.secretary))
    ev.add(record.secretary, "spoke")
    d.title = d.fill(d.pick("congress", "title"), {"place_named": place, "term": term})
    return True


def directive_news(d: Draft) -> bool:
    rng, w = d.rng, d.w
    pool = [x for x in d.world.numbering.citable(d.province.code, d.when) if (d.when - x.date).days <= 40]
    if not pool:
        return False
    directive = rng.choice(pool)
    issuer_unit = d.world.units[directive.unit]
    issuer = w.body(directive.issuer, issuer_unit)
    dref = w.dref(directive, with_date=0.6, with_issuer=0.0)
    subject = directive.subject or d.subject()
    w.directives[directive.number].update(issuer=issuer.canonical, subject=subject)
    d.say("directive_news", "issued", issuer=issuer.text, dref=dref.text, subject=subject)
    central = d.citable(1.0)
    if central is not None and central.number != directive.number and rng.random() < 0.6:
        d.say("directive_news", "implements", dref=w.dref(central, with_date=0.6, with_issuer=0.8).text)
    d.noise(4, 8)
    sector = by_key("sectors").get(rng.choice(list(by_key("sectors"))))
    official = d.holder("gd_so", d.province.code, sector["key"]) if sector else None
    if official is not None:
        w.cast(official.who)
        d.say("directive_news", "quote", person=w.np(official.who, d.refs(official), rng.choice(("after", "bracket"))))
    district = d.district()
    if district is not None and rng.random() < 0.3:
        citizen = d.citizen()
        w.mention(citizen)
        d.say("directive_news", "citizen", citizen=f"{'bà' if citizen.female else 'ông'} {citizen.name}",
              district=f"{district.words['dunit']} {district.words['D']}")
    d.noise(4, 8)
    d.title = d.fill(d.pick("directive_news", "title"), {
        "issuer_short": issuer.text, "kind_lower": directive.kind.lower(), "subject_short": subject})
    return True
