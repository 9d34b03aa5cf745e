"""kg's closed vocabularies. GENERATED from ontology/kg.ttl by ``python -m kg.vocab_gen``; do not edit.

Reused W3C terms come from rdflib's own closed namespaces (ORG, FOAF, PROV, TIME, SDO);
ELI is not shipped with rdflib, so the ELI terms kg.ttl declares are generated here too.
"""
from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef


class KG(DefinedNamespace):
    """kg ontology terms (https://w3id.org/kg-vn/ontology#)."""

    _fail = True
    _NS = Namespace("https://w3id.org/kg-vn/ontology#")

    Article: URIRef  # Article
    Body: URIRef  # Body
    BodyKind: URIRef  # Body kind
    Directive: URIRef  # Directive
    Event: URIRef  # Event
    Evidence: URIRef  # Evidence
    Holding: URIRef  # Holding
    HoldingStatus: URIRef  # Holding status
    Origin: URIRef  # Origin
    Participation: URIRef  # Participation
    Person: URIRef  # Person
    Place: URIRef  # Place
    Post: URIRef  # Post
    Role: URIRef  # Role
    Sentence: URIRef  # Sentence
    about: URIRef  # about
    adminCode: URIRef  # administrative code
    adminLevel: URIRef  # administrative level
    articleId: URIRef  # article id
    association: URIRef  # association (Hội)
    attended: URIRef  # attended (dự, tham dự)
    attestedOn: URIRef  # attested on
    bodyKind: URIRef  # body kind
    contentHash: URIRef  # content hash
    court_procuracy: URIRef  # court or procuracy
    current: URIRef  # holds the post as of the article
    delegation: URIRef  # delegation formed for a task (Đoàn)
    department: URIRef  # department (Sở, Cục, Vụ)
    documentKind: URIRef  # document kind
    end: URIRef  # end
    enterprise: URIRef  # enterprise
    eventDate: URIRef  # event date
    eventKind: URIRef  # event kind
    foldedName: URIRef  # folded name
    former: URIRef  # held the post before (nguyên …)
    front_committee: URIRef  # Fatherland Front committee (Ủy ban Mặt trận Tổ quốc)
    government: URIRef  # government (Chính phủ)
    inArticle: URIRef  # in article
    index: URIRef  # index
    inferred: URIRef  # inferred (kg:reason says from what)
    involves: URIRef  # involves
    issuerText: URIRef  # issuer text
    jurisdiction: URIRef  # jurisdiction
    late: URIRef  # the holder has died (cố …)
    led: URIRef  # led (chủ trì, làm Trưởng đoàn, làm Tổ trưởng, dẫn đầu)
    ledText: URIRef  # led text
    ledWhat: URIRef  # led what
    ministry: URIRef  # ministry (Bộ)
    nameKey: URIRef  # name key
    national_assembly: URIRef  # National Assembly (Quốc hội)
    observed: URIRef  # read in the text
    origin: URIRef  # origin
    other: URIRef  # other body
    participant: URIRef  # participant
    participation: URIRef  # participation
    party_board: URIRef  # party board (Ban Tổ chức, Ủy ban Kiểm tra)
    party_committee: URIRef  # party committee (Tỉnh ủy, Huyện ủy, Đảng ủy)
    peoples_committee: URIRef  # People's Committee (Ủy ban nhân dân)
    peoples_council: URIRef  # People's Council (Hội đồng nhân dân)
    police_military: URIRef  # police or military unit
    positionText: URIRef  # position text
    post: URIRef  # post
    quote: URIRef  # quote
    reason: URIRef  # reason
    role: URIRef  # role
    rule: URIRef  # rule
    sameAs: URIRef  # same as
    school: URIRef  # school or university
    scope: URIRef  # identity scope
    sentence: URIRef  # sentence
    spoke: URIRef  # spoke (phát biểu)
    standing_committee: URIRef  # standing committee (Ban Thường vụ)
    start: URIRef  # start
    started: URIRef  # elected or appointed in the reported event
    status: URIRef  # status
    subject: URIRef  # subject
    successor: URIRef  # successor
    table: URIRef  # looked up in a table
    team: URIRef  # team formed for a task (Tổ, Ban Chỉ đạo)
    text: URIRef  # text
    title: URIRef  # title


class ELI(DefinedNamespace):
    """European Legislation Identifier terms kg reuses."""

    _fail = True
    _NS = Namespace("http://data.europa.eu/eli/ontology#")

    LegalResource: URIRef
    date_document: URIRef
    id_local: URIRef
    passed_by: URIRef


BODY_KINDS: tuple[str, ...] = (
    "association",
    "court_procuracy",
    "delegation",
    "department",
    "enterprise",
    "front_committee",
    "government",
    "ministry",
    "national_assembly",
    "other",
    "party_board",
    "party_committee",
    "peoples_committee",
    "peoples_council",
    "police_military",
    "school",
    "standing_committee",
    "team",
)
HOLDING_STATUSES: tuple[str, ...] = (
    "current",
    "former",
    "late",
    "started",
)
ROLES: tuple[str, ...] = (
    "attended",
    "led",
    "spoke",
)
ORIGINS: tuple[str, ...] = (
    "inferred",
    "observed",
    "table",
)

# Prefixes for serialisations and queries, as kg.ttl binds them.
PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg-vn/ontology#",
    "org": "http://www.w3.org/ns/org#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "time": "http://www.w3.org/2006/time#",
    "eli": "http://data.europa.eu/eli/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
