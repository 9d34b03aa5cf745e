// Twin of resolution_candidates.rq: persons with their name key and identity scope, as each
// article states them, for kg.resolve.
MATCH (:Article)-[m:MENTIONS]->(p:Person)
UNWIND m.key AS key
UNWIND m.scope AS scope
RETURN DISTINCT p.iri AS person, key, scope
ORDER BY person, key, scope
