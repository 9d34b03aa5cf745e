// Twin of person_aliases.rq: the scope-less persons identity resolution linked to $person.
MATCH (alias:Person)-[:SAME_AS]->(:Person {iri: $person})
RETURN DISTINCT alias.iri AS alias
ORDER BY alias
