-- What Reason II derives from the log (issue 17): the claims events state, each voice's latest claim,
-- the conflicts among them, and what the patterns projection noted. Derived like the graph and the
-- rule verdicts: a rebuild deletes a tenant's rows and reads the log again. Times are microseconds
-- since the epoch (UTC); tenant_id leads every key.

-- How far the claims projection has read each tenant's log.
CREATE TABLE claim_checkpoints (
  tenant_id TEXT    NOT NULL PRIMARY KEY,
  seq       INTEGER NOT NULL
);

-- Every claim, as the API shows it (body), filed by entity and attribute in the order stated.
CREATE TABLE claims (
  tenant_id TEXT    NOT NULL,
  entity_id TEXT    NOT NULL,
  attribute TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  ordinal   INTEGER NOT NULL,
  body      TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, seq, ordinal)
);

-- Each voice's latest claim per entity and attribute: where reading resumes, and what disagrees now.
CREATE TABLE claim_heads (
  tenant_id TEXT    NOT NULL,
  entity_id TEXT    NOT NULL,
  attribute TEXT    NOT NULL,
  voice     TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  body      TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, voice)
);

-- Times during which an entity's current claims disagreed; closed_seq is null while they still do.
CREATE TABLE claim_conflicts (
  tenant_id  TEXT    NOT NULL,
  entity_id  TEXT    NOT NULL,
  attribute  TEXT    NOT NULL,
  opened_seq INTEGER NOT NULL,
  opened_at  INTEGER NOT NULL,
  closed_seq INTEGER,
  closed_at  INTEGER,
  body       TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, entity_id, attribute, opened_seq)
);
CREATE INDEX claim_conflicts_newest ON claim_conflicts (tenant_id, opened_seq, entity_id, attribute);

-- How far the patterns projection has read each tenant's log, and the log's time there.
CREATE TABLE pattern_checkpoints (
  tenant_id TEXT    NOT NULL PRIMARY KEY,
  seq       INTEGER NOT NULL,
  log_time  INTEGER
);

-- One observation per thing and pattern (a deployment, an incident, a pull request's first review,
-- a piece of work), replaced as later events tell more; body is it as the API shows it.
CREATE TABLE pattern_observations (
  tenant_id TEXT    NOT NULL,
  pattern   TEXT    NOT NULL,
  key       TEXT    NOT NULL,
  area      TEXT,
  at        INTEGER NOT NULL,
  seq       INTEGER NOT NULL,
  body      TEXT    NOT NULL,
  PRIMARY KEY (tenant_id, pattern, key)
);
CREATE INDEX pattern_observations_by_time ON pattern_observations (tenant_id, pattern, at, key);
CREATE INDEX pattern_observations_by_area ON pattern_observations (tenant_id, pattern, area, at, key);
