-- Outbound webhooks: subscriptions, their signing secrets and each one's outbox, shared by every
-- server on this database (docs/decisions/0017-outbound-webhooks.md); the same tables as the
-- embedded store's db/sqlite/V7__subscriptions.sql.
--
-- The rules of V1 hold: tenant_id leads every key and index, row-level security is enabled and
-- forced with the same per-transaction tenant policy. Unlike the log these rows change (a message
-- is delivered, a lease taken, a subscription deleted with what was queued for it), so
-- lightfast_app may update and delete them; never truncate, which would cross tenants.
--
-- Sharing the work: a batch of the log is queued for a subscription by the transaction that holds
-- its outbox_cursors row (SELECT ... FOR UPDATE SKIP LOCKED) and finds it where it was read; a
-- queue is sent by the server whose lease (holder, lease_until) is current, taken with SELECT ...
-- FOR UPDATE SKIP LOCKED, so each message is sent by one server at a time.

CREATE TABLE subscriptions (
  tenant_id       text COLLATE "C" NOT NULL REFERENCES tenants (id),
  id              text COLLATE "C" NOT NULL,
  url             text NOT NULL,
  description     text NOT NULL,
  filter          json NOT NULL,
  rate_limit      integer,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  disabled_at     timestamptz,
  disabled_reason text,
  -- Signing secrets, sealed (SecretSealer) before they are written here.
  secret          text NOT NULL,
  previous_secret text,
  previous_until  timestamptz,
  PRIMARY KEY (tenant_id, id)
);

CREATE TABLE outbox_queues (
  tenant_id       text COLLATE "C" NOT NULL,
  subscription_id text COLLATE "C" NOT NULL,
  next_position   bigint NOT NULL,
  holder          text COLLATE "C",
  lease_until     timestamptz,
  failing_since   timestamptz,
  PRIMARY KEY (tenant_id, subscription_id)
);

CREATE TABLE outbox_cursors (
  tenant_id       text COLLATE "C" NOT NULL,
  subscription_id text COLLATE "C" NOT NULL,
  source          text COLLATE "C" NOT NULL,
  position        bigint NOT NULL,
  PRIMARY KEY (tenant_id, subscription_id, source)
);

CREATE TABLE outbox_messages (
  tenant_id       text COLLATE "C" NOT NULL,
  subscription_id text COLLATE "C" NOT NULL,
  position        bigint NOT NULL,
  id              text COLLATE "C" NOT NULL,
  source          text COLLATE "C" NOT NULL,
  source_position bigint,
  type            text COLLATE "C" NOT NULL,
  timestamp       timestamptz NOT NULL,
  body            bytea NOT NULL,
  state           text COLLATE "C" NOT NULL,
  attempts        integer NOT NULL,
  next_attempt_at timestamptz,
  last_attempt_at timestamptz,
  delivered_at    timestamptz,
  PRIMARY KEY (tenant_id, subscription_id, position)
);
CREATE INDEX outbox_pending ON outbox_messages (tenant_id, subscription_id, position) WHERE state = 'pending';
CREATE INDEX outbox_messages_by_id ON outbox_messages (tenant_id, subscription_id, id);
CREATE INDEX outbox_messages_by_time ON outbox_messages (tenant_id, subscription_id, timestamp);

CREATE TABLE outbox_attempts (
  tenant_id        text COLLATE "C" NOT NULL,
  subscription_id  text COLLATE "C" NOT NULL,
  id               text COLLATE "C" NOT NULL,
  message_id       text COLLATE "C" NOT NULL,
  message_position bigint NOT NULL,
  attempted_at     timestamptz NOT NULL,
  status           integer,
  outcome          text COLLATE "C" NOT NULL,
  latency_ms       bigint NOT NULL,
  response         text,
  error            text,
  PRIMARY KEY (tenant_id, subscription_id, id)
);
CREATE INDEX outbox_attempts_by_message ON outbox_attempts (tenant_id, subscription_id, message_id, id);

-- Row-level security: a transaction sees and writes only the rows of the tenant it named.
ALTER TABLE subscriptions ENABLE ROW LEVEL SECURITY;
ALTER TABLE subscriptions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON subscriptions
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE outbox_queues ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_queues FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox_queues
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE outbox_cursors ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_cursors FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox_cursors
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox_messages
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE outbox_attempts ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_attempts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON outbox_attempts
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

GRANT SELECT, INSERT, UPDATE, DELETE ON subscriptions, outbox_queues, outbox_cursors, outbox_messages,
  outbox_attempts TO lightfast_app;
