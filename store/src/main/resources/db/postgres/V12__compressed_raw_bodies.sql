-- Raw bodies are kept compressed (issue 20): body_codec says how body holds them. 0: the bytes as
-- received (every row from before, and bodies compression would not shrink); 1: one zstd frame,
-- whose header names the dictionary it was made with (shipped with the store, never removed).
-- Reads give back the bytes as received either way. Old rows are not rewritten: a constant default
-- adds the column without touching them.
ALTER TABLE deliveries ADD COLUMN body_codec smallint NOT NULL DEFAULT 0 CHECK (body_codec IN (0, 1));

-- A zstd frame does not compress again: PostgreSQL need not try (pglz) before moving a large one
-- out of line. Changes nothing stored.
ALTER TABLE deliveries ALTER COLUMN body SET STORAGE EXTERNAL;
