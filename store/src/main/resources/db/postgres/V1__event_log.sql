-- Tenants, their API keys and connected tools, and the append-only event log, on PostgreSQL.
--
-- Rules every table here (and every later migration) follows:
--  * tenant_id leads every primary key and index of tenant data, so each table can be distributed
--    by tenant (Citus) and every query of the port touches one tenant's slice. The only indexes not
--    led by tenant_id are the two lookups by an opaque id that is what names the tenant (an API
--    key id, a connection id in a webhook URL); see docs/decisions/0005-postgresql.md.
--  * Row-level security is enabled and forced on tenant data, keyed on the transaction-local
--    setting lightfast.tenant, which the store sets at the start of every transaction. It is a
--    second wall behind the port's own "WHERE tenant_id = ?": a query that forgets it sees nothing
--    of another tenant.
--  * The server works as lightfast_app, a role that owns nothing and is not a superuser (owners
--    and superusers bypass row-level security). It may read and insert; the log's tables refuse it
--    UPDATE, DELETE and TRUNCATE, and triggers refuse them to everyone else.
--  * Text compared by range or prefix (ids, sources, types, keys) uses the "C" collation: byte
--    order, the same order the Java code reasons in, whatever the database's locale.

-- Roles belong to the whole cluster, not to this schema: another schema or database may have made
-- it already, possibly at this very moment.
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'lightfast_app') THEN
    CREATE ROLE lightfast_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END $$;

-- The login that runs the server enters the role with SET ROLE; a superuser may already.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'lightfast_app', 'MEMBER') THEN
    EXECUTE format('GRANT lightfast_app TO %I', current_user);
  END IF;
END $$;

GRANT USAGE ON SCHEMA "${flyway:defaultSchema}" TO lightfast_app;

-- Who exists. Holds no tenant data beyond a display name; the admin API lists it across tenants.
CREATE TABLE tenants (
  id         text COLLATE "C" NOT NULL PRIMARY KEY,
  name       text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE api_keys (
  tenant_id   text COLLATE "C" NOT NULL REFERENCES tenants (id),
  key_id      text COLLATE "C" NOT NULL,
  secret_hash bytea NOT NULL,
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key_id)
);
-- A request presents only its key: the key id is what tells us the tenant.
CREATE UNIQUE INDEX api_keys_by_key_id ON api_keys (key_id);

CREATE TABLE connections (
  tenant_id  text COLLATE "C" NOT NULL REFERENCES tenants (id),
  id         text COLLATE "C" NOT NULL,
  provider   text COLLATE "C" NOT NULL,
  secret     text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
-- A webhook URL carries only the connection id.
CREATE UNIQUE INDEX connections_by_id ON connections (id);

-- Each tenant's last seq. Appends lock this row first, so writers of one tenant (in any process)
-- take turns and seq stays gapless; a rolled-back append rolls its seq back with it.
CREATE TABLE event_sequences (
  tenant_id text COLLATE "C" NOT NULL PRIMARY KEY,
  last_seq  bigint NOT NULL CHECK (last_seq >= 0)
);

-- Every delivery exactly as received; events are derived from it and point back at it.
-- JSON columns are json, not jsonb: kept as written (key order, \u0000 escapes) and still checked.
CREATE TABLE deliveries (
  tenant_id     text COLLATE "C" NOT NULL,
  id            text COLLATE "C" NOT NULL,
  source        text COLLATE "C" NOT NULL,
  connection_id text COLLATE "C",
  delivery_key  text COLLATE "C" NOT NULL,
  event_name    text,
  headers       json NOT NULL,
  body          bytea NOT NULL,
  received_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, source, delivery_key)
);

CREATE TABLE events (
  tenant_id       text COLLATE "C" NOT NULL,
  seq             bigint NOT NULL CHECK (seq > 0),
  id              text COLLATE "C" NOT NULL,
  source          text COLLATE "C" NOT NULL,
  type            text COLLATE "C" NOT NULL,
  occurred_at     timestamptz NOT NULL,
  observed_at     timestamptz NOT NULL,
  actor           json,
  subjects        json NOT NULL,
  title           text NOT NULL,
  body            text NOT NULL,
  attributes      json NOT NULL,
  url             text,
  delivery_id     text COLLATE "C" NOT NULL,
  causes          json NOT NULL,
  idempotency_key text COLLATE "C",
  PRIMARY KEY (tenant_id, seq),
  UNIQUE (tenant_id, id),
  UNIQUE (tenant_id, source, idempotency_key)
);

CREATE INDEX events_by_type ON events (tenant_id, type, seq);
CREATE INDEX events_by_source ON events (tenant_id, source, seq);
CREATE INDEX events_by_occurred ON events (tenant_id, occurred_at);
CREATE INDEX events_by_delivery ON events (tenant_id, delivery_id);

-- Row-level security: a transaction sees and writes only the rows of the tenant it named.
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON api_keys
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));
-- Authentication names one key by its id before it knows the tenant; it sees that key, no other.
CREATE POLICY one_key_by_id ON api_keys FOR SELECT
  USING (key_id = current_setting('lightfast.api_key_id', true));

ALTER TABLE connections ENABLE ROW LEVEL SECURITY;
ALTER TABLE connections FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON connections
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));
-- A webhook names one connection by its id before it knows the tenant; it sees that one, no other.
CREATE POLICY one_connection_by_id ON connections FOR SELECT
  USING (id = current_setting('lightfast.connection_id', true));

ALTER TABLE event_sequences ENABLE ROW LEVEL SECURITY;
ALTER TABLE event_sequences FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON event_sequences
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON deliveries
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

ALTER TABLE events ENABLE ROW LEVEL SECURITY;
ALTER TABLE events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON events
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

-- What the application role may do: read and add. Nothing of the log can be changed or removed.
GRANT SELECT, INSERT ON tenants, api_keys, connections TO lightfast_app;
GRANT SELECT, INSERT ON deliveries, events TO lightfast_app;
GRANT SELECT, INSERT, UPDATE ON event_sequences TO lightfast_app;

-- Facts are never rewritten: the database refuses it to every role, the owner included.
CREATE FUNCTION refuse_rewriting_history() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% are append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_are_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_history();
CREATE TRIGGER events_are_never_truncated BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_history();
CREATE TRIGGER deliveries_are_append_only BEFORE UPDATE OR DELETE ON deliveries
  FOR EACH ROW EXECUTE FUNCTION refuse_rewriting_history();
CREATE TRIGGER deliveries_are_never_truncated BEFORE TRUNCATE ON deliveries
  FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewriting_history();

-- The application may move a tenant's counter on, never back: a seq once given stays given.
CREATE FUNCTION refuse_going_back() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.tenant_id <> OLD.tenant_id OR NEW.last_seq < OLD.last_seq THEN
    RAISE EXCEPTION 'the seq of tenant % only moves forward (% -> %)', OLD.tenant_id, OLD.last_seq, NEW.last_seq
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END
$$;

CREATE TRIGGER event_sequences_only_move_forward BEFORE UPDATE ON event_sequences
  FOR EACH ROW EXECUTE FUNCTION refuse_going_back();
