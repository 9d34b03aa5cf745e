// Twin of stats.rq: how many of each kind of node the graph holds (persons counted after
// identity resolution; participations are the distinct participations of TOOK_PART).
CALL () {
  MATCH (n:Article) RETURN 'articles' AS kind, count(n) AS count
  UNION ALL MATCH (n:Sentence) RETURN 'sentences' AS kind, count(n) AS count
  UNION ALL MATCH (n:Evidence) RETURN 'evidence' AS kind, count(n) AS count
  UNION ALL MATCH (n:Body) RETURN 'bodies' AS kind, count(n) AS count
  UNION ALL MATCH (n:Post) RETURN 'posts' AS kind, count(n) AS count
  UNION ALL MATCH (n:Holding) RETURN 'holdings' AS kind, count(n) AS count
  UNION ALL MATCH (n:Directive) RETURN 'directives' AS kind, count(n) AS count
  UNION ALL MATCH (n:Event) RETURN 'events' AS kind, count(n) AS count
  UNION ALL MATCH (n:Place) RETURN 'places' AS kind, count(n) AS count
  UNION ALL MATCH ()-[t:TOOK_PART]->() RETURN 'participations' AS kind, count(DISTINCT t.participation) AS count
  UNION ALL
  MATCH (p:Person) OPTIONAL MATCH (p)-[:SAME_AS]->(c:Person)
  RETURN 'persons' AS kind, count(DISTINCT coalesce(c, p)) AS count
}
WITH kind, count WHERE count > 0
RETURN kind, count
ORDER BY kind
