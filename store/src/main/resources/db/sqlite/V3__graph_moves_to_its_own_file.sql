-- The graph now lives in graph.db (db/sqlite-graph), so that projecting it never takes the write
-- lock that webhook acknowledgements wait on. It is derived from the log, so nothing is copied:
-- the projector rebuilds it there from seq 1.
DROP TABLE IF EXISTS entity_merges;
DROP TABLE IF EXISTS alias_owners;
DROP TABLE IF EXISTS entity_aliases;
DROP TABLE IF EXISTS relation_citations;
DROP TABLE IF EXISTS relations;
DROP TABLE IF EXISTS entity_events;
DROP TABLE IF EXISTS entity_attributes;
DROP TABLE IF EXISTS entities;
DROP TABLE IF EXISTS graph_checkpoints;
