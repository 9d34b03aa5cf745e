// Twin of body_events_involved.rq: events that involved $body, with the evidence sentence.
MATCH (e:Event)-[r:INVOLVES]->(:Body {iri: $body})
RETURN DISTINCT e.iri AS event, e.name AS name, e.date_text AS date, 'involved' AS how,
       r.quote AS quote, r.sentence_text AS sentence, r.article AS article
ORDER BY date IS NOT NULL, date, name, article
