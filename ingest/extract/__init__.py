"""Vietnamese extraction: article text → facts with evidence (kg.model.Extraction).

The stages run in the order of :data:`ingest.extract.stages.STAGES`; each is small and reads
and writes named layers of one working :class:`~ingest.extract.doc.Doc`.
"""
from __future__ import annotations

from kg.model import Article, Extraction


def extract_article(article: Article) -> Extraction:
    """All facts of one article, each with its evidence."""
    from ingest.extract.stages import run

    return run(article)
