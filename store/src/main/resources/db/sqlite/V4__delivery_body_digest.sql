-- The SHA-256 of each webhook delivery's body, so that an identical body on the same connection is
-- recognised as the same delivery within the replay window (tools that sign no delivery id or time
-- let a captured body be posted again under new headers). Rows from before have none and are never
-- matched; the window is a day, so that is harmless.
ALTER TABLE deliveries ADD COLUMN body_sha256 BLOB;
CREATE INDEX deliveries_by_body ON deliveries (tenant_id, connection_id, body_sha256)
  WHERE body_sha256 IS NOT NULL;
