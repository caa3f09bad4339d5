-- Event vectors shared by the servers of one database: each server keeps its own Lucene index
-- (docs/decisions/0005-postgresql.md), but the model runs once per event between them, and a
-- server that joins later reads the vectors instead of computing them again. Derived from the
-- log, which never changes: a vector stays right for as long as its model does, so rows are only
-- ever added. The rules of V1 hold: tenant_id leads every key, row-level security is forced.

CREATE TABLE event_vectors (
  tenant_id text COLLATE "C" NOT NULL,
  model     text COLLATE "C" NOT NULL,
  seq       bigint NOT NULL,
  vector    bytea NOT NULL,
  PRIMARY KEY (tenant_id, model, seq)
);

-- One row per tenant and model: whoever holds it (SELECT ... FOR UPDATE SKIP LOCKED) computes
-- the missing vectors; the others read them once it commits.
CREATE TABLE embedding_leases (
  tenant_id text COLLATE "C" NOT NULL,
  model     text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, model)
);

ALTER TABLE event_vectors ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_vectors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON event_vectors
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE embedding_leases ENABLE ROW LEVEL SECURITY;
ALTER TABLE embedding_leases FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON embedding_leases
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

-- Locking a row FOR UPDATE needs UPDATE on it; nothing is ever updated or deleted.
GRANT SELECT, INSERT ON event_vectors TO lightfast_app;
GRANT SELECT, INSERT, UPDATE ON embedding_leases TO lightfast_app;
