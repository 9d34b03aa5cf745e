"""Properties of the parsers, on generated input (hypothesis)."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings, strategies as st

from ingest.extract import extract_article
from ingest.extract.dates import find_dates
from ingest.extract.directives import find_directives
from ingest.extract.doc import make_doc
from ingest.extract.tokens import tokenize
from kg.model import Article
from kg.text.normalize import canonical, fold, key

VI_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
vi_text = st.text(alphabet=VI_LETTERS + VI_LETTERS.upper() + " ,.;:()-/0123456789\n", max_size=400)


@given(st.text(max_size=200))
def test_canonical_is_idempotent_and_keeps_length(text):
    once = canonical(text)
    assert canonical(once) == once
    assert len(once) == len(unicodedata.normalize("NFC", text))


@given(vi_text)
def test_key_ignores_tone_placement_and_normal_form(text):
    assert key(unicodedata.normalize("NFD", text)) == key(text)
    assert key(text.replace("ủy", "uỷ").replace("òa", "oà")) == key(text)


@given(vi_text)
def test_fold_has_no_diacritics(text):
    assert all(ord(c) < 128 for c in fold(text) if c.isalpha())


@given(st.integers(1, 28), st.integers(1, 12), st.one_of(st.none(), st.integers(1990, 2030)),
       st.sampled_from(["/", "-", ".", " - "]), st.sampled_from(["ngày ", "sáng ", "chiều ", "hôm qua "]))
def test_every_written_date_parses_back(day, month, year, sep, lead):
    written = f"{lead}{day}{sep}{month}" + (f"{sep}{year}" if year else "")
    (found,) = find_dates(f"Tin tức {written}, hội nghị.")
    assert (found.day, found.month, found.year) == (day, month, year)


@given(st.integers(1, 9999), st.sampled_from(["QĐ", "NQ", "CT", "KL", "TB"]),
       st.sampled_from(["UBND", "TU", "TW", "HU", "BTC"]), st.sampled_from(["party", "state"]))
def test_every_generated_document_number_parses_back(n, code, issuer, style):
    number = f"{n}-{code}/{issuer}" if style == "party" else f"{n}/{code}-{issuer}"
    doc = make_doc(Article(id="t", text=f"Thực hiện văn bản số {number} ngày 12/3/2020 của Tỉnh ủy."))
    (directive,) = find_directives(doc, tokenize(doc))
    assert directive.number == number
    assert directive.date == "2020-03-12"


@settings(max_examples=60, deadline=None)
@given(vi_text)
def test_extractor_never_crashes_and_keeps_evidence_inside_the_text(text):
    x = extract_article(Article(id="h", text=text))
    for person in x.persons:
        for position in person.positions:
            assert 0 <= position.evidence.start <= position.evidence.end <= len(x.text)
