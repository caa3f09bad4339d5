-- Two hardening changes (issue 13).
--
-- 1. The SHA-256 of each webhook delivery's body, so that an identical body on the same connection
--    is recognised as the same delivery within the replay window: GitHub and Sentry sign no delivery
--    id or time, so a captured body could otherwise be posted again under new headers. Rows from
--    before have none and are never matched (the window is a day). A nullable column: adding it
--    rewrites nothing.
ALTER TABLE deliveries ADD COLUMN body_sha256 bytea;
CREATE INDEX deliveries_by_body ON deliveries (tenant_id, connection_id, body_sha256)
  WHERE body_sha256 IS NOT NULL;

-- 2. Webhook secrets are sealed (AES-GCM) with a key the database never holds. On start a server
--    seals the secrets written before, and re-seals those under a retired key: it may change that
--    one column of a connection of the tenant its transaction names, nothing else.
GRANT UPDATE (secret) ON connections TO lightfast_app;
