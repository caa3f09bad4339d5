-- What judging the log against the team's rules has derived (the rules themselves are events in
-- the log). Derived like the graph: a rebuild deletes a tenant's rows and judges the log again.
-- Times are microseconds since the epoch (UTC); tenant_id leads every key.

-- How far judging has read each tenant's log, and the log's time there (the latest event time seen),
-- which decides when an expectation's window has closed.
CREATE TABLE rule_checkpoints (
  tenant_id TEXT    NOT NULL PRIMARY KEY,
  seq       INTEGER NOT NULL,
  log_time  INTEGER
);

-- One row per violation; body is the violation as the API shows it, the columns what is filtered on.
CREATE TABLE violations (
  tenant_id  TEXT    NOT NULL,
  id         TEXT    NOT NULL,
  rule_id    TEXT    NOT NULL,
  status     TEXT    NOT NULL,
  resolvable INTEGER NOT NULL,
  opened_seq INTEGER NOT NULL,
  trigger_at INTEGER NOT NULL,
  body       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX violations_by_seq ON violations (tenant_id, opened_seq, id);
CREATE INDEX violations_by_rule ON violations (tenant_id, rule_id, opened_seq, id);
CREATE INDEX violations_resolvable ON violations (tenant_id, resolvable, opened_seq);

-- Which entities each violation is about, for ?entity=.
CREATE TABLE violation_entities (
  tenant_id    TEXT    NOT NULL,
  entity_id    TEXT    NOT NULL,
  violation_id TEXT    NOT NULL,
  opened_seq   INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, violation_id)
);

-- Expectations whose window is still open.
CREATE TABLE pending_expectations (
  tenant_id        TEXT    NOT NULL,
  violation_id     TEXT    NOT NULL,
  rule_id          TEXT    NOT NULL,
  version          INTEGER NOT NULL,
  trigger_event_id TEXT    NOT NULL,
  trigger_seq      INTEGER NOT NULL,
  window_from      INTEGER NOT NULL,
  window_to        INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, violation_id)
);

-- A sample of each rule's run-time failures, and how many there were in all.
CREATE TABLE rule_errors (
  tenant_id TEXT    NOT NULL,
  rule_id   TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  part      TEXT    NOT NULL,
  version   INTEGER NOT NULL,
  event_id  TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  message   TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, rule_id, seq, part)
);

CREATE TABLE rule_error_counts (
  tenant_id TEXT    NOT NULL,
  rule_id   TEXT    NOT NULL,
  errors    INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, rule_id)
);
