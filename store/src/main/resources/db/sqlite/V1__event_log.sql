-- Tenants, their API keys and connected tools, and the append-only event log.
-- Times are microseconds since the epoch (UTC). tenant_id leads every key.

CREATE TABLE tenants (
  id         TEXT    NOT NULL PRIMARY KEY,
  name       TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE api_keys (
  tenant_id   TEXT    NOT NULL REFERENCES tenants (id),
  key_id      TEXT    NOT NULL UNIQUE,
  secret_hash BLOB    NOT NULL,
  created_at  INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, key_id)
);

CREATE TABLE connections (
  tenant_id  TEXT    NOT NULL REFERENCES tenants (id),
  id         TEXT    NOT NULL UNIQUE,
  provider   TEXT    NOT NULL,
  secret     TEXT    NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Every delivery exactly as received; events are derived from it and point back at it.
CREATE TABLE deliveries (
  tenant_id     TEXT    NOT NULL,
  id            TEXT    NOT NULL,
  source        TEXT    NOT NULL,
  connection_id TEXT,
  delivery_key  TEXT    NOT NULL,
  event_name    TEXT,
  headers       TEXT    NOT NULL,
  body          BLOB    NOT NULL,
  received_at   INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source, delivery_key)
);

CREATE TABLE events (
  tenant_id       TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  id              TEXT    NOT NULL,
  source          TEXT    NOT NULL,
  type            TEXT    NOT NULL,
  occurred_at     INTEGER NOT NULL,
  observed_at     INTEGER NOT NULL,
  actor           TEXT,
  subjects        TEXT    NOT NULL,
  title           TEXT    NOT NULL,
  body            TEXT    NOT NULL,
  attributes      TEXT    NOT NULL,
  url             TEXT,
  delivery_id     TEXT    NOT NULL,
  causes          TEXT    NOT NULL,
  idempotency_key TEXT,
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, source, idempotency_key)
);

CREATE INDEX events_by_type ON events (tenant_id, type, seq);
CREATE INDEX events_by_source ON events (tenant_id, source, seq);
CREATE INDEX events_by_occurred ON events (tenant_id, occurred_at);
CREATE INDEX events_by_delivery ON events (tenant_id, delivery_id);

-- Facts are never rewritten: the database itself refuses, whatever the code tries.
CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER deliveries_are_append_only_update BEFORE UPDATE ON deliveries
BEGIN SELECT RAISE(ABORT, 'deliveries are append-only'); END;
CREATE TRIGGER deliveries_are_append_only_delete BEFORE DELETE ON deliveries
BEGIN SELECT RAISE(ABORT, 'deliveries are append-only'); END;
