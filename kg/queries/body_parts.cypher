// Twin of body_parts.rq: the bodies $body is part of ("parent") and the bodies part of it
// ("part"), with the other body's label in the article that states the link.
CALL () {
  MATCH (:Body {iri: $body})-[r:PART_OF]->(other:Body)
  RETURN 'parent' AS relation, other, r.article AS article
  UNION
  MATCH (:Body {iri: $body})<-[r:PART_OF]-(other:Body)
  RETURN 'part' AS relation, other, r.article AS article
}
MATCH (:Article {id: article})-[m:MENTIONS]->(other)
UNWIND m.label AS label
RETURN DISTINCT relation, other.iri AS other, label
ORDER BY relation, label
