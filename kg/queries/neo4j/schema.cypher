// The schema kg load creates before writing (each statement idempotent: IF NOT EXISTS).
// A uniqueness constraint on the IRI of every label (and of Resource, which every node has:
// relationship writes look their ends up through it), range indexes for the lookups the
// named queries make, text indexes for CONTAINS on folded names, and full-text indexes on
// folded names. The full-text analyzer is standard-no-stop-words: standard-folding would drop
// Vietnamese syllables that are English stop words once folded ("Thế" → the, "An" → an,
// "Tô" → to); kg stores folded names itself (kg.text.normalize.fold), so queries fold too.
CREATE CONSTRAINT resource_iri IF NOT EXISTS FOR (n:Resource) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT article_iri IF NOT EXISTS FOR (n:Article) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT sentence_iri IF NOT EXISTS FOR (n:Sentence) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT evidence_iri IF NOT EXISTS FOR (n:Evidence) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT person_iri IF NOT EXISTS FOR (n:Person) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT body_iri IF NOT EXISTS FOR (n:Body) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT post_iri IF NOT EXISTS FOR (n:Post) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT holding_iri IF NOT EXISTS FOR (n:Holding) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT directive_iri IF NOT EXISTS FOR (n:Directive) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT event_iri IF NOT EXISTS FOR (n:Event) REQUIRE n.iri IS UNIQUE;
CREATE CONSTRAINT place_iri IF NOT EXISTS FOR (n:Place) REQUIRE n.iri IS UNIQUE;
CREATE INDEX article_id IF NOT EXISTS FOR (n:Article) ON (n.id);
CREATE INDEX event_date IF NOT EXISTS FOR (n:Event) ON (n.date);
CREATE INDEX holding_start IF NOT EXISTS FOR (n:Holding) ON (n.start);
CREATE INDEX directive_folded IF NOT EXISTS FOR (n:Directive) ON (n.folded);
CREATE INDEX post_label IF NOT EXISTS FOR (n:Post) ON (n.label);
CREATE TEXT INDEX person_folded IF NOT EXISTS FOR (n:Person) ON (n.folded);
CREATE TEXT INDEX body_folded IF NOT EXISTS FOR (n:Body) ON (n.folded);
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.folded, n.name]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
CREATE FULLTEXT INDEX body_names IF NOT EXISTS FOR (n:Body) ON EACH [n.folded, n.label]
  OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words', `fulltext.eventually_consistent`: false}};
CALL db.awaitIndexes(300)
