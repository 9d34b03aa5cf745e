// Twin of evidence.rq: one evidence node: the words, the sentence they are in, the article.
MATCH (ev:Evidence {iri: $ev})-[:IN_SENTENCE]->(s:Sentence)-[:IN_ARTICLE]->(a:Article)
RETURN ev.quote AS quote, s.text AS sentence, a.id AS article, ev.rule AS rule, ev.origin AS origin
