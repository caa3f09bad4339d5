-- The graph's tables again, smaller (docs/decisions/0018-graph-writer-in-core.md). The graph is
-- derived, so nothing is copied: without a checkpoint the projector derives it again from seq 1.
--
-- * Entities are named by a number (entities.n) in the tables that cite and relate them.
-- * Every other table is WITHOUT ROWID: its primary key is the table, instead of a rowid table beside an
--   index holding the same columns again, which nothing read.
-- * An event the graph cites is kept once (graph_events); entity and relation citations name only
--   its seq (entity citations also its time), instead of repeating its id, type, URL and time on every row.

DROP TABLE graph_checkpoints;
DROP TABLE entities;
DROP TABLE entity_attributes;
DROP TABLE entity_events;
DROP TABLE relations;
DROP TABLE relation_citations;
DROP TABLE entity_aliases;
DROP TABLE alias_owners;
DROP TABLE entity_merges;

CREATE TABLE graph_checkpoints (
  tenant_id TEXT    NOT NULL PRIMARY KEY,
  seq       INTEGER NOT NULL
) WITHOUT ROWID;

-- The events the graph cites, once each.
CREATE TABLE graph_events (
  tenant_id   TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  url         TEXT,
  occurred_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, seq)
) WITHOUT ROWID;

-- n: the entity's number, given in order of first sighting. The tables below name entities by it
-- instead of the 24-character id: their rows are smaller, and rows about a new entity append at
-- the end of each index instead of landing at a random place (ids are hashes).
CREATE TABLE entities (
  n          INTEGER PRIMARY KEY,
  tenant_id  TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL
);
CREATE UNIQUE INDEX entities_by_id ON entities (tenant_id, id);
-- find: a kind's entities, most recently seen first.
CREATE INDEX entities_by_kind ON entities (tenant_id, kind, last_seq);

-- Attribute values as each event stated them; a read as of seq N folds the versions up to N.
CREATE TABLE entity_attributes (
  tenant_id  TEXT    NOT NULL,
  entity_id  INTEGER NOT NULL, -- entities.n
  seq        INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  attributes TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
) WITHOUT ROWID;

-- Which events are about which entity: the timeline and the citations. The event's time is kept
-- here too, because reads as of a time filter on it and fold its minimum over every citation.
CREATE TABLE entity_events (
  tenant_id   TEXT    NOT NULL,
  entity_id   INTEGER NOT NULL, -- entities.n
  seq         INTEGER NOT NULL,
  occurred_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
) WITHOUT ROWID;

-- One row per stretch of time an edge held: asserting it again while it holds only adds a
-- citation; ending it closes the stretch; asserting it after that opens a new one.
CREATE TABLE relations (
  tenant_id    TEXT    NOT NULL,
  from_id      INTEGER NOT NULL, -- entities.n
  type         TEXT    NOT NULL,
  to_id        INTEGER NOT NULL, -- entities.n
  recorded_seq INTEGER NOT NULL,
  valid_from   INTEGER NOT NULL,
  valid_to     INTEGER,
  ended_seq    INTEGER,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq)
) WITHOUT ROWID;
-- relations: the edges that end at an entity.
CREATE INDEX relations_by_to ON relations (tenant_id, to_id, type);

CREATE TABLE relation_citations (
  tenant_id    TEXT    NOT NULL,
  from_id      INTEGER NOT NULL, -- entities.n
  type         TEXT    NOT NULL,
  to_id        INTEGER NOT NULL, -- entities.n
  recorded_seq INTEGER NOT NULL,
  seq          INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq, seq)
) WITHOUT ROWID;

-- Every alias claim with its evidence, and for joining aliases the person that first held it.
CREATE TABLE entity_aliases (
  tenant_id TEXT    NOT NULL,
  entity_id TEXT    NOT NULL,
  kind      TEXT    NOT NULL,
  value     TEXT    NOT NULL,
  evidence  TEXT    NOT NULL,
  event_id  TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, kind, value)
) WITHOUT ROWID;

CREATE TABLE alias_owners (
  tenant_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, kind, value)
) WITHOUT ROWID;

-- Two people found to be one: merged_id now reads as into_id, from seq on, because of the alias.
CREATE TABLE entity_merges (
  tenant_id   TEXT    NOT NULL,
  merged_id   TEXT    NOT NULL,
  into_id     TEXT    NOT NULL,
  alias_kind  TEXT    NOT NULL,
  alias_value TEXT    NOT NULL,
  evidence    TEXT    NOT NULL,
  event_id    TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, merged_id)
) WITHOUT ROWID;
