// Twin of directive.rq: directives whose folded number is $q, with kind, date, issuer and
// subject as each citing article gives them, and the evidence sentence.
MATCH (a:Article)-[m:MENTIONS]->(d:Directive)
WHERE $q IN m.folded
MATCH (d)-[:DERIVED_FROM]->(ev:Evidence {article: a.id})-[:IN_SENTENCE]->(s:Sentence)
OPTIONAL MATCH (d)-[:ISSUED_BY {article: a.id}]->(:Body)<-[im:MENTIONS]-(a)
WITH DISTINCT d, a, m, ev, s, im
UNWIND m.number AS number
UNWIND m.kind AS kind
UNWIND (CASE size(m.date) WHEN 0 THEN [null] ELSE m.date END) AS date
UNWIND (CASE size(m.issuer_text) WHEN 0 THEN [null] ELSE m.issuer_text END) AS issuerText
UNWIND (CASE size(m.subject) WHEN 0 THEN [null] ELSE m.subject END) AS subject
UNWIND (CASE WHEN im IS NULL THEN [null] ELSE im.label END) AS issuer
RETURN DISTINCT d.iri AS directive, number, kind, date, issuer, issuerText, subject,
       ev.quote AS quote, s.text AS sentence, a.id AS article
ORDER BY directive, article, quote
