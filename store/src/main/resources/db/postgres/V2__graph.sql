-- The temporal graph, derived from the event log by the projector (the same tables as the embedded
-- store's db/sqlite/V2__graph.sql). Unlike the log these rows may change: a relation stretch gets
-- its end, and a rebuild deletes the tenant's graph and derives it again.
--
-- The rules of V1 hold: tenant_id leads every key and index, row-level security is enabled and
-- forced with the same per-transaction tenant policy, and lightfast_app gets only what the graph
-- store does (read, add, update, delete; never truncate, which would cross tenants).
-- Ids, kinds, types and alias values use the "C" collation: they are compared for equality and
-- sorted, and byte order is the order the embedded store sorts them in. Names and keys keep the
-- database's collation, so lower() in find folds more than ASCII.

-- How far the graph has applied each tenant's log. A projector holds its tenant's row
-- (SELECT ... FOR UPDATE SKIP LOCKED) for the whole transaction that applies a batch: the lease
-- that lets several server processes share the projection (docs/decisions/0005-postgresql.md).
CREATE TABLE graph_checkpoints (
  tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
  seq       bigint NOT NULL CHECK (seq >= 0)
);

CREATE TABLE entities (
  tenant_id  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  kind       text COLLATE "C" NOT NULL,
  key        text NOT NULL,
  name       text NOT NULL,
  first_seq  bigint NOT NULL,
  last_seq   bigint NOT NULL,
  first_seen timestamptz NOT NULL,
  last_seen  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX entities_by_kind ON entities (tenant_id, kind, last_seq);
CREATE INDEX entities_by_last_seq ON entities (tenant_id, last_seq);

-- Attribute values as each event stated them; a read as of seq N folds the versions up to N.
CREATE TABLE entity_attributes (
  tenant_id  text COLLATE "C" NOT NULL,
  entity_id  text COLLATE "C" NOT NULL,
  seq        bigint NOT NULL,
  valid_from timestamptz NOT NULL,
  attributes json NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
);

-- Which events are about which entity: the timeline and the citations.
CREATE TABLE entity_events (
  tenant_id   text COLLATE "C" NOT NULL,
  entity_id   text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  event_id    text COLLATE "C" NOT NULL,
  type        text COLLATE "C" NOT NULL,
  url         text,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, seq)
);

-- One row per stretch of time an edge held: asserting it again while it holds only adds a
-- citation; ending it closes the stretch; asserting it after that opens a new one.
CREATE TABLE relations (
  tenant_id    text COLLATE "C" NOT NULL,
  from_id      text COLLATE "C" NOT NULL,
  type         text COLLATE "C" NOT NULL,
  to_id        text COLLATE "C" NOT NULL,
  recorded_seq bigint NOT NULL,
  valid_from   timestamptz NOT NULL,
  valid_to     timestamptz,
  ended_seq    bigint,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq)
);
CREATE INDEX relations_by_to ON relations (tenant_id, to_id, type);

CREATE TABLE relation_citations (
  tenant_id    text COLLATE "C" NOT NULL,
  from_id      text COLLATE "C" NOT NULL,
  type         text COLLATE "C" NOT NULL,
  to_id        text COLLATE "C" NOT NULL,
  recorded_seq bigint NOT NULL,
  seq          bigint NOT NULL,
  event_id     text COLLATE "C" NOT NULL,
  event_type   text COLLATE "C" NOT NULL,
  url          text,
  occurred_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, from_id, type, to_id, recorded_seq, seq)
);

-- Every alias claim with its evidence, and for joining aliases the person that first held it.
CREATE TABLE entity_aliases (
  tenant_id text COLLATE "C" NOT NULL,
  entity_id text COLLATE "C" NOT NULL,
  kind      text COLLATE "C" NOT NULL,
  value     text COLLATE "C" NOT NULL,
  evidence  text NOT NULL,
  event_id  text COLLATE "C" NOT NULL,
  seq       bigint NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, kind, value)
);

CREATE TABLE alias_owners (
  tenant_id text COLLATE "C" NOT NULL,
  kind      text COLLATE "C" NOT NULL,
  value     text COLLATE "C" NOT NULL,
  entity_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, kind, value)
);

-- Two people found to be one: merged_id now reads as into_id, from seq on, because of the alias.
CREATE TABLE entity_merges (
  tenant_id   text COLLATE "C" NOT NULL,
  merged_id   text COLLATE "C" NOT NULL,
  into_id     text COLLATE "C" NOT NULL,
  alias_kind  text COLLATE "C" NOT NULL,
  alias_value text COLLATE "C" NOT NULL,
  evidence    text NOT NULL,
  event_id    text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  PRIMARY KEY (tenant_id, merged_id)
);

-- Row-level security: a transaction sees and writes only the graph of the tenant it named.
ALTER TABLE graph_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE graph_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON graph_checkpoints
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE entities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON entities
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE entity_attributes ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_attributes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON entity_attributes
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE entity_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON entity_events
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE relations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON relations
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE relation_citations ENABLE ROW LEVEL SECURITY;
ALTER TABLE relation_citations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON relation_citations
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE entity_aliases ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_aliases FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON entity_aliases
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE alias_owners ENABLE ROW LEVEL SECURITY;
ALTER TABLE alias_owners FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON alias_owners
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE entity_merges ENABLE ROW LEVEL SECURITY;
ALTER TABLE entity_merges FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON entity_merges
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

-- Derived rows, unlike the log's: a stretch gets its end, a rebuild deletes a tenant's graph.
GRANT SELECT, INSERT, UPDATE, DELETE ON graph_checkpoints, entities, entity_attributes, entity_events, relations,
  relation_citations, entity_aliases, alias_owners, entity_merges TO lightfast_app;
