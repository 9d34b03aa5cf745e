"""Extraction → RDF: ``build`` makes one article's named graph, ``validate`` checks graphs
against ontology/shapes.ttl."""
