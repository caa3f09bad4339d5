-- Issue 22: backfill jobs and coverage (docs/decisions/0020-backfill-and-coverage.md); the same
-- tables as the embedded store's db/sqlite/V11__backfill_and_coverage.sql. The rules of V1 hold:
-- tenant_id leads every key and index, row-level security is enabled and forced.

-- Coverage reads each connection's newest delivery and counts; without this it scans the tenant's deliveries.
CREATE INDEX deliveries_by_connection ON deliveries (tenant_id, connection_id, received_at);

-- One import of a tool's history through its API. The cursor is the job's durable place: a job
-- resumed after a crash starts from it, and the events' idempotency keys make the pages it repeats
-- add nothing. token is sealed (SecretKeys, bound to the job id) or null.
CREATE TABLE backfill_jobs (
  tenant_id      text COLLATE "C" NOT NULL REFERENCES tenants (id),
  id             text COLLATE "C" NOT NULL,
  connection_id  text COLLATE "C" NOT NULL,
  provider       text COLLATE "C" NOT NULL,
  state          text COLLATE "C" NOT NULL,
  since          timestamptz NOT NULL,
  until          timestamptz,
  what           text NOT NULL,
  api_base       text,
  token          text,
  cursor         text NOT NULL,
  objects_done   bigint NOT NULL,
  objects_total  bigint,
  events_added   bigint NOT NULL,
  errors         bigint NOT NULL,
  last_error     text,
  created_at     timestamptz NOT NULL,
  updated_at     timestamptz NOT NULL,
  finished_at    timestamptz,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX backfill_jobs_by_connection ON backfill_jobs (tenant_id, connection_id, created_at);
-- At most one job per connection is unfinished: the database refuses a second, whatever the code tries.
CREATE UNIQUE INDEX backfill_jobs_one_running ON backfill_jobs (tenant_id, connection_id)
  WHERE state IN ('running', 'paused');

ALTER TABLE backfill_jobs ENABLE ROW LEVEL SECURITY;
ALTER TABLE backfill_jobs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_rows ON backfill_jobs
  USING (tenant_id = current_setting('lightfast.tenant', true))
  WITH CHECK (tenant_id = current_setting('lightfast.tenant', true));

GRANT SELECT, INSERT, UPDATE ON backfill_jobs TO lightfast_app;
