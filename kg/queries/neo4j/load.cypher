// The statements kg load runs (kg/store/neo4j_load.py), one per "// name:" section. Every
// write takes a batch of rows (UNWIND $rows) and is keyed on kg's stable IRIs, so running it
// twice changes nothing. Labels and relationship types are kg.store.neo4j_model's closed set.

// name: node_Article
UNWIND $rows AS row
MERGE (n:Article {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Sentence
UNWIND $rows AS row
MERGE (n:Sentence {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Evidence
UNWIND $rows AS row
MERGE (n:Evidence {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Event
UNWIND $rows AS row
MERGE (n:Event {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Person
UNWIND $rows AS row
MERGE (n:Person {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Body
UNWIND $rows AS row
MERGE (n:Body {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Post
UNWIND $rows AS row
MERGE (n:Post {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Holding
UNWIND $rows AS row
MERGE (n:Holding {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Directive
UNWIND $rows AS row
MERGE (n:Directive {iri: row.iri})
SET n:Resource, n += row.props

// name: node_Place
UNWIND $rows AS row
MERGE (n:Place {iri: row.iri})
SET n:Resource, n += row.props

// name: mentions
UNWIND $rows AS row
MATCH (a:Article {iri: row.article})
MATCH (n:Resource {iri: row.node})
MERGE (a)-[m:MENTIONS]->(n)
SET m = row.props

// name: rel_IN_ARTICLE
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:IN_ARTICLE]->(b)

// name: rel_IN_SENTENCE
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:IN_SENTENCE]->(b)

// name: rel_DERIVED_FROM
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:DERIVED_FROM]->(b)

// name: rel_OF_POST
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:OF_POST]->(b)

// name: rel_POST_IN
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:POST_IN]->(b)

// name: rel_HOLDS
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:HOLDS {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_JURISDICTION
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:JURISDICTION {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_PART_OF
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:PART_OF {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_INVOLVES
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:INVOLVES {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_ABOUT
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:ABOUT {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_ISSUED_BY
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:ISSUED_BY {evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_TOOK_PART
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:TOOK_PART {participation: row.props.participation, evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_LED
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:LED {participation: row.props.participation, evidence: row.props.evidence}]->(b)
SET r = row.props

// name: rel_SUCCESSOR
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
MERGE (a)-[r:SUCCESSOR {article: row.props.article}]->(b)

// Creating what only a new article writes (kg.store.neo4j_load: articles Neo4j has no Article
// node for): its own nodes, its MENTIONS and its fact relationships are keyed on the article's
// IRIs (sentence, evidence, event, article id), so none of them exists yet and CREATE writes what
// the MERGE above would, without MERGE's search of the existing relationships between two nodes
// (which grows with the nodes' degree: a province has thousands). The loader removes duplicate
// rows first, as MERGE would have merged them.

// name: create_node_Article
UNWIND $rows AS row
CREATE (n:Article:Resource {iri: row.iri})
SET n += row.props

// name: create_node_Sentence
UNWIND $rows AS row
CREATE (n:Sentence:Resource {iri: row.iri})
SET n += row.props

// name: create_node_Evidence
UNWIND $rows AS row
CREATE (n:Evidence:Resource {iri: row.iri})
SET n += row.props

// name: create_node_Event
UNWIND $rows AS row
CREATE (n:Event:Resource {iri: row.iri})
SET n += row.props

// name: create_mentions
UNWIND $rows AS row
MATCH (a:Article {iri: row.article})
MATCH (n:Resource {iri: row.node})
CREATE (a)-[m:MENTIONS]->(n)
SET m = row.props

// name: create_rel_IN_ARTICLE
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:IN_ARTICLE]->(b)

// name: create_rel_IN_SENTENCE
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:IN_SENTENCE]->(b)

// name: create_rel_DERIVED_FROM
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:DERIVED_FROM]->(b)

// name: create_rel_HOLDS
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:HOLDS]->(b)
SET r = row.props

// name: create_rel_JURISDICTION
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:JURISDICTION]->(b)
SET r = row.props

// name: create_rel_PART_OF
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:PART_OF]->(b)
SET r = row.props

// name: create_rel_INVOLVES
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:INVOLVES]->(b)
SET r = row.props

// name: create_rel_ABOUT
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:ABOUT]->(b)
SET r = row.props

// name: create_rel_ISSUED_BY
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:ISSUED_BY]->(b)
SET r = row.props

// name: create_rel_TOOK_PART
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:TOOK_PART]->(b)
SET r = row.props

// name: create_rel_LED
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:LED]->(b)
SET r = row.props

// name: create_rel_SUCCESSOR
UNWIND $rows AS row
MATCH (a:Resource {iri: row.src})
MATCH (b:Resource {iri: row.dst})
CREATE (a)-[r:SUCCESSOR]->(b)
SET r = row.props

// name: rel_SAME_AS
UNWIND $rows AS row
MATCH (a:Person {iri: row.src})
MATCH (b:Person {iri: row.dst})
MERGE (a)-[r:SAME_AS]->(b)

// name: delete_same_as
UNWIND $rows AS row
MATCH (:Person {iri: row.src})-[r:SAME_AS]->(:Person {iri: row.dst})
DELETE r

// name: same_as_pairs
MATCH (a:Person)-[:SAME_AS]->(b:Person)
RETURN a.iri AS src, b.iri AS dst

// name: mark_loaded
UNWIND $rows AS row
MATCH (a:Article {iri: row.iri})
SET a.content_hash = row.hash

// name: loaded_articles
MATCH (a:Article)
RETURN a.iri AS iri, a.content_hash AS hash

// name: shared_nodes_of
UNWIND $iris AS iri
MATCH (:Article {iri: iri})-[:MENTIONS]->(n)
WHERE NOT n:Event
RETURN DISTINCT n.iri AS iri

// name: delete_article_content
// What an article wrote, before it is written again or removed: its fact relationships, its
// events, sentences and evidence, its MENTIONS; shared nodes stay (summarise decides).
UNWIND $iris AS iri
MATCH (a:Article {iri: iri})
CALL (a) {
  MATCH (a)-[:MENTIONS]->()-[r]-()
  WHERE r.article = a.id
  WITH DISTINCT r
  DELETE r
}
CALL (a) {
  MATCH (a)<-[:IN_ARTICLE]-(s:Sentence)
  OPTIONAL MATCH (s)<-[:IN_SENTENCE]-(e:Evidence)
  DETACH DELETE s, e
}
CALL (a) {
  MATCH (a)-[:MENTIONS]->(e:Event)
  DETACH DELETE e
}
CALL (a) {
  MATCH (a)-[m:MENTIONS]->()
  DELETE m
}
SET a.content_hash = null

// name: delete_articles
UNWIND $iris AS iri
MATCH (a:Article {iri: iri})
DETACH DELETE a

// name: mentions_of
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
OPTIONAL MATCH (:Article)-[m:MENTIONS]->(n)
RETURN iri, [label IN labels(n) WHERE label <> 'Resource'] AS labels, collect(properties(m)) AS mentions

// name: delete_nodes
UNWIND $iris AS iri
MATCH (n:Resource {iri: iri})
DETACH DELETE n

// name: counts
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships

// name: quads
// The quads of the RDF the graph was loaded from: each article graph's, and the identity
// resolution links (the embedded store's View.size()).
CALL () { MATCH (a:Article) RETURN coalesce(sum(a.quads), 0) AS articles }
CALL () { MATCH (:Person)-[s:SAME_AS]->(:Person) RETURN count(s) AS links }
RETURN articles + links AS quads
