// Twin of person_timeline.rq: everything said about the person node $person: posts held, as
// each article attests them (status, words, dates, body label of that article), and events
// with the role, each with its evidence sentence.
CALL () {
  MATCH (:Person {iri: $person})-[r:HOLDS]->(h:Holding)
  MATCH (a:Article {id: r.article})-[m:MENTIONS]->(h)
  OPTIONAL MATCH (h)-[:OF_POST]->(:Post)-[:POST_IN]->(:Body)<-[bm:MENTIONS]-(a)
  UNWIND m.status AS status
  UNWIND m.position_text AS label
  UNWIND (CASE size(m.attested) WHEN 0 THEN [null] ELSE m.attested END) AS date
  UNWIND (CASE WHEN bm IS NULL THEN [null] ELSE bm.label END) AS body
  UNWIND (CASE size(m.since) WHEN 0 THEN [null] ELSE m.since END) AS since
  UNWIND (CASE size(m.until) WHEN 0 THEN [null] ELSE m.until END) AS until
  RETURN 'post' AS kind, date, label, status, null AS role,
         coalesce('since ' + since, '') + coalesce(' until ' + until, '') AS detail, body,
         r.quote AS quote, r.sentence_text AS sentence, r.article AS article
  UNION
  MATCH (p:Person {iri: $person})-[t:TOOK_PART]->(e:Event)
  OPTIONAL MATCH (p)-[:LED {participation: t.participation, evidence: t.evidence}]->(:Body)
                 <-[bm:MENTIONS]-(:Article {id: t.article})
  UNWIND (CASE WHEN bm IS NULL THEN [null] ELSE bm.label END) AS body
  RETURN 'event' AS kind, e.date_text AS date, e.name AS label, null AS status, t.role AS role,
         t.led_text AS detail, body, t.quote AS quote, t.sentence_text AS sentence, t.article AS article
}
RETURN DISTINCT kind, date, label, status, role, detail, body, quote, sentence, article
ORDER BY date IS NOT NULL, date, kind, label, article
