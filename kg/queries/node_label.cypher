// Twin of node_label.rq: the (smallest) label of a person, body, event or directive node, and
// which of these it is; no row for any other node.
MATCH (n:Resource {iri: $node})
WHERE n:Person OR n:Body OR n:Event OR n:Directive
RETURN CASE WHEN n:Person THEN n.name WHEN n:Event THEN n.name ELSE n.label END AS label,
       CASE WHEN n:Person THEN 'person' WHEN n:Body THEN 'body' WHEN n:Event THEN 'event'
            ELSE 'directive' END AS type
