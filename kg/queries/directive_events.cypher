// Twin of directive_events.rq: events about $directive and the people who took part, with
// their role and the evidence sentence.
MATCH (e:Event)-[:ABOUT]->(:Directive {iri: $directive})
WITH DISTINCT e
MATCH (p:Person)-[t:TOOK_PART]->(e)
OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
WITH coalesce(c, p) AS person, t, e
MATCH (:Article)-[nm:MENTIONS]->(person)
UNWIND nm.name AS personName
RETURN DISTINCT e.iri AS event, e.name AS name, e.date_text AS date, person.iri AS person, personName,
       t.role AS role, t.quote AS quote, t.sentence_text AS sentence, t.article AS article
ORDER BY date IS NOT NULL, date, name, role, personName
