// Twin of body_events_led.rq: events at which someone led $body, with the evidence sentence.
MATCH (p:Person)-[r:LED]->(:Body {iri: $body})
MATCH (e:Event {iri: r.event})
OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
WITH coalesce(c, p) AS leaderNode, e, r
MATCH (:Article)-[nm:MENTIONS]->(leaderNode)
UNWIND nm.name AS leader
RETURN DISTINCT e.iri AS event, e.name AS name, e.date_text AS date, 'led' AS how, leader,
       r.quote AS quote, r.sentence_text AS sentence, r.article AS article
ORDER BY date IS NOT NULL, date, name, article
