-- ICD-10 catalogue (the ministry's Vietnamese edition): code, Vietnamese and English names, chapter.
CREATE TABLE icd10 (
  code        text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{2}(\.[0-9A-Z]{1,2})?$'),
  name_vi     text NOT NULL,
  name_en     text,
  chapter     text NOT NULL,
  source      text NOT NULL,            -- which file the row came from (ministry file, or the Circular 30 list)
  updated_at  timestamptz NOT NULL DEFAULT now(),
  search_text text GENERATED ALWAYS AS (vx_fold(code || ' ' || name_vi || ' ' || coalesce(name_en, ''))) STORED
);
CREATE INDEX icd10_search_trgm ON icd10 USING gin (search_text gin_trgm_ops);
CREATE INDEX icd10_code_prefix ON icd10 (code text_pattern_ops);
