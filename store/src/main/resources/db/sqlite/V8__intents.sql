-- Act (docs/decisions/0016-act.md): intents with their plans, approvals, every call attempt, the
-- audit trail, each tenant's approval policy and connections' sealed action credentials; API keys
-- gain scopes. Times are microseconds since the epoch (UTC); tenant_id leads every key.

-- NULL: every scope (keys made before scopes, and a tenant's first key).
ALTER TABLE api_keys ADD COLUMN scopes TEXT;

CREATE TABLE intents (
  tenant_id   TEXT    NOT NULL,
  id          TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  args        TEXT    NOT NULL,
  proposed_by TEXT    NOT NULL,
  proposed_at INTEGER NOT NULL,
  state       TEXT    NOT NULL,
  plan        TEXT    NOT NULL,
  event_id    TEXT,
  message     TEXT,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX intents_by_state ON intents (tenant_id, state);

CREATE TABLE intent_approvals (
  tenant_id TEXT    NOT NULL,
  intent_id TEXT    NOT NULL,
  approver  TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  event_id  TEXT,
  PRIMARY KEY (tenant_id, intent_id, approver)
);

-- A row is written before its call is sent (outcome NULL: in flight), so a restart finds it.
CREATE TABLE intent_attempts (
  tenant_id       TEXT    NOT NULL,
  intent_id       TEXT    NOT NULL,
  call_index      INTEGER NOT NULL,
  attempt         INTEGER NOT NULL,
  idempotency_key TEXT    NOT NULL,
  started_at      INTEGER NOT NULL,
  outcome         TEXT,
  status          INTEGER,
  message         TEXT,
  url             TEXT,
  finished_at     INTEGER,
  PRIMARY KEY (tenant_id, intent_id, call_index, attempt)
);

CREATE TABLE intent_audit (
  position  INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT    NOT NULL,
  at        INTEGER NOT NULL,
  actor     TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  intent_id TEXT,
  intent    TEXT,
  detail    TEXT
);
CREATE INDEX intent_audit_by_tenant ON intent_audit (tenant_id, position);

CREATE TABLE intent_policies (
  tenant_id        TEXT    NOT NULL PRIMARY KEY,
  require_approval TEXT    NOT NULL,
  set_by           TEXT,
  set_at           INTEGER,
  event_id         TEXT
);

-- The token is sealed (core.secret.SecretKeys, the connection bound in) before it is written here.
CREATE TABLE action_credentials (
  tenant_id     TEXT    NOT NULL,
  connection_id TEXT    NOT NULL,
  token         TEXT    NOT NULL,
  api_base      TEXT    NOT NULL,
  updated_at    INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, connection_id)
);
