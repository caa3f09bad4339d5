-- Raw bodies are kept compressed (issue 20): body_codec says how body holds them. 0: the bytes as
-- received (every row from before, and bodies compression would not shrink); 1: one zstd frame,
-- whose header names the dictionary it was made with (shipped with the store, never removed).
-- Reads give back the bytes as received either way. Old rows are not rewritten.
ALTER TABLE deliveries ADD COLUMN body_codec INTEGER NOT NULL DEFAULT 0;
