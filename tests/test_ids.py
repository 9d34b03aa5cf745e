"""IRIs are deterministic and insensitive to Unicode form, tone placement and case."""
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from kg import ids


def test_same_person_in_nfd_and_other_tone_spelling() -> None:
    a = ids.person_iri("Nguyễn Long Biên")
    assert ids.person_iri(unicodedata.normalize("NFD", "Nguyễn Long Biên")) == a
    assert ids.person_iri("  nguyễn  long biên ") == a
    assert ids.body_iri("Ủy ban nhân dân tỉnh", "58") == ids.body_iri("Uỷ ban nhân dân tỉnh", "58")
    assert ids.body_iri("Hòa Bình") == ids.body_iri("Hoà Bình")


def test_scope_separates() -> None:
    assert ids.person_iri("Nguyễn Văn A", "58") != ids.person_iri("Nguyễn Văn A", "56")
    assert ids.person_iri("Nguyễn Văn A", "") != ids.person_iri("Nguyễn Văn A", "58")
    assert ids.directive_iri("09-NQ/TU", "x") != ids.directive_iri("09-NQ/TU", "y")


def test_parts_do_not_run_together() -> None:
    assert ids.person_iri("ab", "c") != ids.person_iri("a", "bc")


def test_article_scoped_iris_are_readable() -> None:
    assert ids.article_iri("seed-000") == "https://w3id.org/kg-vn/id/article/seed-000"
    assert ids.sentence_iri("seed-000", 3).endswith("/article/seed-000/sentence/3")
    assert ids.graph_iri("a b/c") == "https://w3id.org/kg-vn/graph/article/a%20b%2Fc"


@given(st.text(min_size=1))
def test_person_iri_is_stable_under_nfd(name: str) -> None:
    assert ids.person_iri(unicodedata.normalize("NFD", name)) == ids.person_iri(unicodedata.normalize("NFC", name))
