// Twin of edges.rq: the edges `kg path` walks, each with the evidence IRI of one statement of
// it: person —post held (as written)→ body, person —role→ event, body —part of→ body, event
// —involves→ body, event —about→ directive, directive —issued by→ body. Persons resolved.
CALL () {
  MATCH (x:Person)-[r:HOLDS]->(h:Holding)-[:OF_POST]->(:Post)-[:POST_IN]->(b:Body)
  MATCH (:Article {id: r.article})-[m:MENTIONS]->(h)
  UNWIND m.position_text AS relation
  RETURN x, relation, b.iri AS b, r.evidence AS ev
  UNION
  MATCH (x:Person)-[t:TOOK_PART]->(e:Event)
  RETURN x, t.role AS relation, e.iri AS b, t.evidence AS ev
  UNION
  MATCH (x:Body)-[r:PART_OF]->(o:Body)
  RETURN x, 'part of' AS relation, o.iri AS b, r.evidence AS ev
  UNION
  MATCH (x:Event)-[r:INVOLVES]->(o:Body)
  RETURN x, 'involves' AS relation, o.iri AS b, r.evidence AS ev
  UNION
  MATCH (x:Event)-[r:ABOUT]->(o:Directive)
  RETURN x, 'about' AS relation, o.iri AS b, r.evidence AS ev
  UNION
  MATCH (x:Directive)-[r:ISSUED_BY]->(o:Body)
  RETURN x, 'issued by' AS relation, o.iri AS b, r.evidence AS ev
}
OPTIONAL MATCH (x)-[:SAME_AS]->(c:Person)
RETURN DISTINCT coalesce(c, x).iri AS a, relation, b, ev
