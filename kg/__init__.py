"""kg: a knowledge graph of Vietnamese officials, bodies, posts and directives, built from news
articles, with provenance.

The library has no import-time work; open a store with :func:`kg.store.open_store` and ask
questions with :mod:`kg.ask`. The write path (readers, extraction, RDF building) is in the
``ingest`` package.
"""
__version__ = "0.1.0"
