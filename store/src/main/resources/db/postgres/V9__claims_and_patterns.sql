-- What Reason II derives from the log (issue 17), on PostgreSQL (the same tables as the embedded
-- store's db/sqlite/V9__claims_and_patterns.sql): the claims events state, each voice's latest claim,
-- the conflicts among them, and what the patterns projection noted.
--
-- The rules of V1 hold: tenant_id leads every key and index, row-level security is enabled and
-- forced with the per-transaction tenant policy, and lightfast_app gets only what the stores do
-- (read, add, update, delete for a rebuild; never truncate, which would cross tenants).

-- How far the claims projection has read each tenant's log. A server writing a batch holds its
-- tenant's row (SELECT ... FOR UPDATE SKIP LOCKED) for the transaction: the lease that lets several
-- servers share the work, each event read once.
CREATE TABLE claim_checkpoints (
  tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
  seq       bigint NOT NULL CHECK (seq >= 0)
);

CREATE TABLE claims (
  tenant_id text COLLATE "C" NOT NULL,
  entity_id text COLLATE "C" NOT NULL,
  attribute text COLLATE "C" NOT NULL,
  seq       bigint NOT NULL,
  ordinal   integer NOT NULL,
  body      json NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, seq, ordinal)
);

CREATE TABLE claim_heads (
  tenant_id text COLLATE "C" NOT NULL,
  entity_id text COLLATE "C" NOT NULL,
  attribute text COLLATE "C" NOT NULL,
  voice     text COLLATE "C" NOT NULL,
  seq       bigint NOT NULL,
  body      json NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, voice)
);

CREATE TABLE claim_conflicts (
  tenant_id  text COLLATE "C" NOT NULL,
  entity_id  text COLLATE "C" NOT NULL,
  attribute  text COLLATE "C" NOT NULL,
  opened_seq bigint NOT NULL,
  opened_at  timestamptz NOT NULL,
  closed_seq bigint,
  closed_at  timestamptz,
  body       json NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, opened_seq)
);
CREATE INDEX claim_conflicts_newest ON claim_conflicts (tenant_id, opened_seq, entity_id, attribute);

CREATE TABLE pattern_checkpoints (
  tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
  seq       bigint NOT NULL CHECK (seq >= 0),
  log_time  timestamptz
);

CREATE TABLE pattern_observations (
  tenant_id text COLLATE "C" NOT NULL,
  pattern   text COLLATE "C" NOT NULL,
  key       text COLLATE "C" NOT NULL,
  area      text COLLATE "C",
  at        timestamptz NOT NULL,
  seq       bigint NOT NULL,
  body      json NOT NULL,
  PRIMARY KEY (tenant_id, pattern, key)
);
CREATE INDEX pattern_observations_by_time ON pattern_observations (tenant_id, pattern, at, key);
CREATE INDEX pattern_observations_by_area ON pattern_observations (tenant_id, pattern, area, at, key);

ALTER TABLE claim_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE claim_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON claim_checkpoints
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE claims ENABLE ROW LEVEL SECURITY;
ALTER TABLE claims FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON claims
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE claim_heads ENABLE ROW LEVEL SECURITY;
ALTER TABLE claim_heads FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON claim_heads
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE claim_conflicts ENABLE ROW LEVEL SECURITY;
ALTER TABLE claim_conflicts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON claim_conflicts
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE pattern_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE pattern_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON pattern_checkpoints
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE pattern_observations ENABLE ROW LEVEL SECURITY;
ALTER TABLE pattern_observations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON pattern_observations
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

-- Derived rows: heads are replaced, conflicts closed, observations updated, a rebuild deletes a tenant's rows.
GRANT SELECT, INSERT, UPDATE, DELETE ON claim_checkpoints, claims, claim_heads, claim_conflicts,
  pattern_checkpoints, pattern_observations TO lightfast_app;
