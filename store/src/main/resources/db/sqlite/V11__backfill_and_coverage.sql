-- Issue 22: backfill jobs and coverage (docs/decisions/0020-backfill-and-coverage.md).

-- Coverage reads each connection's newest delivery and counts; without this it scans the tenant's deliveries.
CREATE INDEX deliveries_by_connection ON deliveries (tenant_id, connection_id, received_at);

-- One import of a tool's history through its API. The cursor is the job's durable place: a job
-- resumed after a crash starts from it, and the events' idempotency keys make the pages it repeats
-- add nothing. token is sealed (SecretKeys, bound to the job id) or null.
CREATE TABLE backfill_jobs (
  tenant_id      TEXT    NOT NULL REFERENCES tenants (id),
  id             TEXT    NOT NULL,
  connection_id  TEXT    NOT NULL,
  provider       TEXT    NOT NULL,
  state          TEXT    NOT NULL,
  since          INTEGER NOT NULL,
  until          INTEGER,
  what           TEXT    NOT NULL,
  api_base       TEXT,
  token          TEXT,
  cursor         TEXT    NOT NULL,
  objects_done   INTEGER NOT NULL,
  objects_total  INTEGER,
  events_added   INTEGER NOT NULL,
  errors         INTEGER NOT NULL,
  last_error     TEXT,
  created_at     INTEGER NOT NULL,
  updated_at     INTEGER NOT NULL,
  finished_at    INTEGER,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX backfill_jobs_by_connection ON backfill_jobs (tenant_id, connection_id, created_at);
-- At most one job per connection is unfinished: the database refuses a second, whatever the code tries.
CREATE UNIQUE INDEX backfill_jobs_one_running ON backfill_jobs (tenant_id, connection_id)
  WHERE state IN ('running', 'paused');
