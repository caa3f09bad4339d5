-- What judging the log against the team's rules has derived, on PostgreSQL (the same tables as the
-- embedded store's db/sqlite/V5__rules.sql). The rules themselves are events in the log.
--
-- The rules of V1 hold: tenant_id leads every key and index, row-level security is enabled and
-- forced with the per-transaction tenant policy, and lightfast_app gets only what the rule store
-- does (read, add, update, delete for a rebuild; never truncate, which would cross tenants).

-- How far judging has read each tenant's log and the log's time there. A server judging a batch
-- holds its tenant's row (SELECT ... FOR UPDATE SKIP LOCKED) for the transaction that writes the
-- verdicts: the lease that lets several servers share the judging, each event judged once.
CREATE TABLE rule_checkpoints (
  tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
  seq       bigint NOT NULL CHECK (seq >= 0),
  log_time  timestamptz
);

CREATE TABLE violations (
  tenant_id  text COLLATE "C" NOT NULL,
  id         text COLLATE "C" NOT NULL,
  rule_id    text COLLATE "C" NOT NULL,
  status     text COLLATE "C" NOT NULL,
  resolvable boolean NOT NULL,
  opened_seq bigint NOT NULL,
  trigger_at timestamptz NOT NULL,
  body       json NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX violations_by_seq ON violations (tenant_id, opened_seq, id);
CREATE INDEX violations_by_rule ON violations (tenant_id, rule_id, opened_seq, id);
CREATE INDEX violations_resolvable ON violations (tenant_id, resolvable, opened_seq);

CREATE TABLE violation_entities (
  tenant_id    text COLLATE "C" NOT NULL,
  entity_id    text COLLATE "C" NOT NULL,
  violation_id text COLLATE "C" NOT NULL,
  opened_seq   bigint NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, violation_id)
);

CREATE TABLE pending_expectations (
  tenant_id        text COLLATE "C" NOT NULL,
  violation_id     text COLLATE "C" NOT NULL,
  rule_id          text COLLATE "C" NOT NULL,
  version          integer NOT NULL,
  trigger_event_id text COLLATE "C" NOT NULL,
  trigger_seq      bigint NOT NULL,
  window_from      timestamptz NOT NULL,
  window_to        timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, violation_id)
);

CREATE TABLE rule_errors (
  tenant_id text COLLATE "C" NOT NULL,
  rule_id   text COLLATE "C" NOT NULL,
  seq       bigint NOT NULL,
  part      text COLLATE "C" NOT NULL,
  version   integer NOT NULL,
  event_id  text COLLATE "C" NOT NULL,
  at        timestamptz NOT NULL,
  message   text NOT NULL,
  PRIMARY KEY (tenant_id, rule_id, seq, part)
);

CREATE TABLE rule_error_counts (
  tenant_id text COLLATE "C" NOT NULL,
  rule_id   text COLLATE "C" NOT NULL,
  errors    bigint NOT NULL,
  PRIMARY KEY (tenant_id, rule_id)
);

ALTER TABLE rule_checkpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE rule_checkpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON rule_checkpoints
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE violations ENABLE ROW LEVEL SECURITY;
ALTER TABLE violations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON violations
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE violation_entities ENABLE ROW LEVEL SECURITY;
ALTER TABLE violation_entities FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON violation_entities
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE pending_expectations ENABLE ROW LEVEL SECURITY;
ALTER TABLE pending_expectations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON pending_expectations
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE rule_errors ENABLE ROW LEVEL SECURITY;
ALTER TABLE rule_errors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON rule_errors
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE rule_error_counts ENABLE ROW LEVEL SECURITY;
ALTER TABLE rule_error_counts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON rule_error_counts
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

-- Derived rows: a violation gets resolved, a met expectation goes, a rebuild deletes a tenant's rows.
GRANT SELECT, INSERT, UPDATE, DELETE ON rule_checkpoints, violations, violation_entities, pending_expectations,
  rule_errors, rule_error_counts TO lightfast_app;
