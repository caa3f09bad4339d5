-- Outbound webhooks: subscriptions, their signing secrets and each one's outbox
-- (docs/decisions/0017-outbound-webhooks.md). Times are microseconds since the epoch (UTC);
-- tenant_id leads every key. Unlike the log these rows change: a message is delivered, a lease is
-- taken, a subscription is deleted with everything queued for it.

CREATE TABLE subscriptions (
  tenant_id       TEXT    NOT NULL REFERENCES tenants (id),
  id              TEXT    NOT NULL,
  url             TEXT    NOT NULL,
  description     TEXT    NOT NULL,
  filter          TEXT    NOT NULL,
  rate_limit      INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  disabled_at     INTEGER,
  disabled_reason TEXT,
  -- Signing secrets, sealed (SecretSealer) before they are written here.
  secret          TEXT    NOT NULL,
  previous_secret TEXT,
  previous_until  INTEGER,
  PRIMARY KEY (tenant_id, id)
);

-- A subscription's queue: the next position to give a message, the lease of the server working it,
-- and since when its endpoint has failed every attempt.
CREATE TABLE outbox_queues (
  tenant_id       TEXT    NOT NULL,
  subscription_id TEXT    NOT NULL,
  next_position   INTEGER NOT NULL,
  holder          TEXT,
  lease_until     INTEGER,
  failing_since   INTEGER,
  PRIMARY KEY (tenant_id, subscription_id)
);

-- How far each subscription has been queued from each message source (the log's seq for events).
CREATE TABLE outbox_cursors (
  tenant_id       TEXT    NOT NULL,
  subscription_id TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, subscription_id, source)
);

CREATE TABLE outbox_messages (
  tenant_id       TEXT    NOT NULL,
  subscription_id TEXT    NOT NULL,
  position        INTEGER NOT NULL,
  id              TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  source_position INTEGER,
  type            TEXT    NOT NULL,
  timestamp       INTEGER NOT NULL,
  body            BLOB    NOT NULL,
  state           TEXT    NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at INTEGER,
  last_attempt_at INTEGER,
  delivered_at    INTEGER,
  PRIMARY KEY (tenant_id, subscription_id, position)
);
-- The head of each queue: its first pending message.
CREATE INDEX outbox_pending ON outbox_messages (tenant_id, subscription_id, position) WHERE state = 'pending';
CREATE INDEX outbox_messages_by_id ON outbox_messages (tenant_id, subscription_id, id);
CREATE INDEX outbox_messages_by_time ON outbox_messages (tenant_id, subscription_id, timestamp);

CREATE TABLE outbox_attempts (
  tenant_id        TEXT    NOT NULL,
  subscription_id  TEXT    NOT NULL,
  id               TEXT    NOT NULL,
  message_id       TEXT    NOT NULL,
  message_position INTEGER NOT NULL,
  attempted_at     INTEGER NOT NULL,
  status           INTEGER,
  outcome          TEXT    NOT NULL,
  latency_ms       INTEGER NOT NULL,
  response         TEXT,
  error            TEXT,
  PRIMARY KEY (tenant_id, subscription_id, id)
);
CREATE INDEX outbox_attempts_by_message ON outbox_attempts (tenant_id, subscription_id, message_id, id);
