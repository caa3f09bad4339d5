-- The graph's rows, smaller (docs/decisions/0018-graph-writer-in-core.md): an event the graph cites
-- is kept once (graph_events); entity and relation citations name only its seq (entity citations
-- also its time, which reads as of a time filter on), instead of repeating its id, type and URL on
-- every row. The graph is derived: it is emptied here and every server's projector derives it
-- again from seq 1 (the checkpoints go too), sharing the work through the checkpoint lease.

TRUNCATE graph_checkpoints, entities, entity_attributes, entity_events, relations, relation_citations,
  entity_aliases, alias_owners, entity_merges;

ALTER TABLE entity_events DROP COLUMN event_id, DROP COLUMN type, DROP COLUMN url;
ALTER TABLE relation_citations DROP COLUMN event_id, DROP COLUMN event_type, DROP COLUMN url,
  DROP COLUMN occurred_at;

CREATE TABLE graph_events (
  tenant_id   text COLLATE "C" NOT NULL,
  seq         bigint NOT NULL,
  event_id    text COLLATE "C" NOT NULL,
  type        text COLLATE "C" NOT NULL,
  url         text,
  occurred_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

ALTER TABLE graph_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE graph_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON graph_events
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON graph_events TO lightfast_app;

-- The writer looks an edge's open stretch up by (from, type, to). With only (to_id, type) in this
-- index the planner took it for that lookup and read every edge into a busy entity (a repository's
-- belongs_to); with from_id in it, either index finds one row.
DROP INDEX relations_by_to;
CREATE INDEX relations_by_to ON relations (tenant_id, to_id, type, from_id);
