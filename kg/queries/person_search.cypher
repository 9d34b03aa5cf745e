// Twin of person_search.rq: persons whose folded name contains $q, resolved through SAME_AS,
// with the smallest name and folded name of the resolved person and the number of articles
// that mention a matching person. (A person's folded name follows from its IRI's name key,
// so the node's `folded` narrows the search through its text index.)
MATCH (p:Person)
WHERE p.folded CONTAINS $q
MATCH (a:Article)-[m:MENTIONS]->(p)
WHERE any(f IN m.folded WHERE f CONTAINS $q)
OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
WITH coalesce(c, p) AS person, count(DISTINCT a) AS articles
MATCH (:Article)-[m2:MENTIONS]->(person)
UNWIND m2.name AS n
UNWIND m2.folded AS f
WITH person, articles, min(n) AS name, min(f) AS folded
RETURN person.iri AS person, name, folded, articles
ORDER BY name, person
