-- Act (docs/decisions/0016-act.md): the same tables as the embedded store's db/sqlite/V8__intents.sql.
-- The rules of V1 hold: tenant_id leads every key and index, row-level security is enabled and
-- forced with the same per-transaction tenant policy. Intents change state and attempts get their
-- outcome, so lightfast_app may update these rows; nothing here is deleted.

-- NULL: every scope (keys made before scopes, and a tenant's first key).
ALTER TABLE api_keys ADD COLUMN scopes text;

CREATE TABLE intents (
  tenant_id   text COLLATE "C" NOT NULL REFERENCES tenants (id),
  id          text COLLATE "C" NOT NULL,
  kind        text COLLATE "C" NOT NULL,
  args        text NOT NULL,
  proposed_by text COLLATE "C" NOT NULL,
  proposed_at timestamptz NOT NULL,
  state       text COLLATE "C" NOT NULL,
  plan        text NOT NULL,
  event_id    text COLLATE "C",
  message     text,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX intents_by_state ON intents (tenant_id, state);

CREATE TABLE intent_approvals (
  tenant_id text COLLATE "C" NOT NULL,
  intent_id text COLLATE "C" NOT NULL,
  approver  text COLLATE "C" NOT NULL,
  at        timestamptz NOT NULL,
  event_id  text COLLATE "C",
  PRIMARY KEY (tenant_id, intent_id, approver)
);

CREATE TABLE intent_attempts (
  tenant_id       text COLLATE "C" NOT NULL,
  intent_id       text COLLATE "C" NOT NULL,
  call_index      integer NOT NULL,
  attempt         integer NOT NULL,
  idempotency_key text COLLATE "C" NOT NULL,
  started_at      timestamptz NOT NULL,
  outcome         text COLLATE "C",
  status          integer,
  message         text,
  url             text,
  finished_at     timestamptz,
  PRIMARY KEY (tenant_id, intent_id, call_index, attempt)
);

CREATE TABLE intent_audit (
  tenant_id text COLLATE "C" NOT NULL,
  position  bigint GENERATED ALWAYS AS IDENTITY,
  at        timestamptz NOT NULL,
  actor     text COLLATE "C" NOT NULL,
  action    text COLLATE "C" NOT NULL,
  intent_id text COLLATE "C",
  intent    text COLLATE "C",
  detail    text,
  PRIMARY KEY (tenant_id, position)
);

CREATE TABLE intent_policies (
  tenant_id        text COLLATE "C" NOT NULL PRIMARY KEY,
  require_approval text NOT NULL,
  set_by           text COLLATE "C",
  set_at           timestamptz,
  event_id         text COLLATE "C"
);

CREATE TABLE action_credentials (
  tenant_id     text COLLATE "C" NOT NULL,
  connection_id text COLLATE "C" NOT NULL,
  token         text NOT NULL,
  api_base      text NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, connection_id)
);

ALTER TABLE intents ENABLE ROW LEVEL SECURITY;
ALTER TABLE intents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON intents
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE intent_approvals ENABLE ROW LEVEL SECURITY;
ALTER TABLE intent_approvals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON intent_approvals
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE intent_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE intent_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON intent_attempts
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE intent_audit ENABLE ROW LEVEL SECURITY;
ALTER TABLE intent_audit FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON intent_audit
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE intent_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE intent_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON intent_policies
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE action_credentials ENABLE ROW LEVEL SECURITY;
ALTER TABLE action_credentials FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON action_credentials
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

GRANT SELECT, INSERT, UPDATE ON intents, intent_approvals, intent_attempts, intent_audit, intent_policies,
  action_credentials TO lightfast_app;
