// Twin of who_led.rq: who led the group, meeting or delegation whose folded name contains $q
// (what the text says was led, the body led, or the event), with the event, its date and the
// evidence sentence. The body's label and folded name are those of the article that says so.
MATCH (p:Person)-[t:TOOK_PART {role: 'led'}]->(e:Event)
OPTIONAL MATCH (p)-[:LED {participation: t.participation, evidence: t.evidence}]->(b:Body)
               <-[bm:MENTIONS]-(:Article {id: t.article})
UNWIND (CASE WHEN bm IS NULL THEN [null] ELSE bm.label END) AS bodyLabel
UNWIND (CASE WHEN bm IS NULL THEN [null] ELSE bm.folded END) AS bodyFolded
WITH p, t, e, b, bm, bodyLabel, bodyFolded
WHERE any(f IN coalesce(t.led_folded, []) WHERE f CONTAINS $q) OR coalesce(bodyFolded, '') CONTAINS $q
      OR e.folded CONTAINS $q
OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
WITH coalesce(c, p) AS person, t, e, CASE WHEN bm IS NULL THEN null ELSE b.iri END AS body, bodyLabel
MATCH (:Article)-[nm:MENTIONS]->(person)
UNWIND nm.name AS name
RETURN DISTINCT person.iri AS person, name, e.iri AS event, e.name AS eventName, e.date_text AS date,
       CASE WHEN t.led_folded IS NULL THEN null ELSE t.led_text END AS ledText, body, bodyLabel,
       t.quote AS quote, t.sentence_text AS sentence, t.article AS article
ORDER BY date IS NOT NULL, date, name, article, event
