// Twin of body_search.rq: bodies whose folded name contains $q, with the smallest label,
// and folded name among the articles that give such a name, how many they are, and the
// (smallest) kind any article gives.
MATCH (b:Body)
WHERE b.folded CONTAINS $q
MATCH (a:Article)-[m:MENTIONS]->(b)
WHERE any(f IN m.folded WHERE f CONTAINS $q) AND size(m.label) > 0
UNWIND m.label AS l
UNWIND [f IN m.folded WHERE f CONTAINS $q] AS f
WITH b, min(l) AS label, min(f) AS folded, count(DISTINCT a) AS articles
OPTIONAL MATCH (:Article)-[km:MENTIONS]->(b)
UNWIND (CASE WHEN km IS NULL OR size(km.kind) = 0 THEN [null] ELSE km.kind END) AS k
WITH b, label, folded, articles, min(k) AS kind
RETURN b.iri AS body, label, folded, kind, articles
ORDER BY label, body
