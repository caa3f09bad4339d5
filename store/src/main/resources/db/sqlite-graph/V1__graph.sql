-- The temporal graph, in its own database file (graph.db) beside the log's: see
-- docs/decisions/0009-graph-in-its-own-sqlite-file.md. The same tables the log's database held
-- until V3 of db/sqlite.

-- The temporal graph, derived from the event log by the projector. Unlike the log these rows may
-- change (a relation gets its end), and a rebuild deletes and re-derives them.

CREATE TABLE graph_checkpoints (
  tenant_id TEXT    NOT NULL PRIMARY KEY,
  seq       INTEGER NOT NULL
);

CREATE TABLE entities (
  tenant_id  TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  kind       TEXT    NOT NULL,
  key        TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  first_seq  INTEGER NOT NULL,
  last_seq   INTEGER NOT NULL,
  first_seen INTEGER NOT NULL,
  last_seen  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX entities_by_kind ON entities (tenant_id, kind, last_seq);

-- Attribute values as each event stated them; a read as of seq N folds the versions up to N.
CREATE TABLE entity_attributes (
  tenant_id  TEXT    NOT NULL,
  entity_id  TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  valid_from INTEGER NOT NULL,
  attributes TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
);

-- Which events are about which entity: the timeline and the citations.
CREATE TABLE entity_events (
  tenant_id   TEXT    NOT NULL,
  entity_id   TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  event_id    TEXT    NOT NULL,
  type        TEXT    NOT NULL,
  url         TEXT,
  occurred_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
);

-- One row per stretch of time an edge held: asserting it again while it holds only adds a
-- citation; ending it closes the stretch; asserting it after that opens a new one.
CREATE TABLE relations (
  tenant_id    TEXT    NOT NULL,
  from_id      TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  to_id        TEXT    NOT NULL,
  recorded_seq INTEGER NOT NULL,
  valid_from   INTEGER NOT NULL,
  valid_to     INTEGER,
  ended_seq    INTEGER,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq)
);
CREATE INDEX relations_by_to ON relations (tenant_id, to_id, type);

CREATE TABLE relation_citations (
  tenant_id    TEXT    NOT NULL,
  from_id      TEXT    NOT NULL,
  type         TEXT    NOT NULL,
  to_id        TEXT    NOT NULL,
  recorded_seq INTEGER NOT NULL,
  seq          INTEGER NOT NULL,
  event_id     TEXT    NOT NULL,
  event_type   TEXT    NOT NULL,
  url          TEXT,
  occurred_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq, seq)
);

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
);

CREATE TABLE alias_owners (
  tenant_id TEXT NOT NULL,
  kind      TEXT NOT NULL,
  value     TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  PRIMARY KEY (tenant_id, kind, value)
);

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
);
