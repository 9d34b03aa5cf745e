"""kg/vocab.py is generated from ontology/kg.ttl; it must be fresh."""
from pathlib import Path

import pytest
from rdflib import Graph

from kg import vocab_gen
from kg.ontology import ONTOLOGY, SHAPES, ontology_file
from kg.vocab import BODY_KINDS, KG


def test_vocab_is_generated_from_the_ontology() -> None:
    expected = vocab_gen.render()
    actual = Path(vocab_gen.__file__).with_name("vocab.py").read_text(encoding="utf-8")
    assert actual == expected, "kg/vocab.py is stale: run python -m kg.vocab_gen"


def test_vocabulary_is_closed() -> None:
    assert str(KG.Holding) == "https://w3id.org/kg-vn/ontology#Holding"
    with pytest.raises(AttributeError):
        KG.heldby  # noqa: B018 - a typo must fail


def test_closed_sets_come_from_the_ontology() -> None:
    assert "standing_committee" in BODY_KINDS and len(BODY_KINDS) == 18


@pytest.mark.parametrize("name", [ONTOLOGY, SHAPES])
def test_ontology_files_parse(name: str) -> None:
    assert len(Graph().parse(data=ontology_file(name).read_text(encoding="utf-8"), format="turtle")) > 50
