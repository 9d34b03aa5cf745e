// Twin of body_holdings.rq: who held which post in $body, as each article attests it (post
// label, status and date as that article gives them), with the evidence sentence.
MATCH (:Body {iri: $body})<-[:POST_IN]-(post:Post)<-[:OF_POST]-(h:Holding)<-[r:HOLDS]-(p:Person)
MATCH (a:Article {id: r.article})-[m:MENTIONS]->(h)
MATCH (a)-[pm:MENTIONS]->(post)
OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
WITH coalesce(c, p) AS person, r, m, pm
MATCH (:Article)-[nm:MENTIONS]->(person)
UNWIND nm.name AS name
UNWIND pm.label AS postLabel
UNWIND m.status AS status
UNWIND (CASE size(m.attested) WHEN 0 THEN [null] ELSE m.attested END) AS date
RETURN DISTINCT person.iri AS person, name, postLabel AS post, status, date,
       r.quote AS quote, r.sentence_text AS sentence, r.article AS article
ORDER BY date IS NOT NULL, date, post, name, article
