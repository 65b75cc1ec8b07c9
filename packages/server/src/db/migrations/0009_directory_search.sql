-- The practitioner directory at national scale (200,000 people; bench B4). search_text begins with the family name,
-- so the matches of "Nguyễn" or "Phạm Thị" are one contiguous run of the name order: walking the order index with a
-- LIKE '%q%' filter passes every name before that run, and a trigram bitmap fetches and sorts every match (78,000
-- for "nguyen"). The search now splits "contains q" into "starts with q" (a range of a C-collation order index) and
-- "contains q after the first character" (a trigram index of the rest), merged in order. A province filter was an
-- EXISTS over memberships the planner cannot estimate; the provinces a practitioner works in are now kept on the
-- row (by triggers, whoever writes the memberships) with a GIN index the planner can intersect with the others.

ALTER TABLE practitioner ADD COLUMN province_codes text[] NOT NULL DEFAULT '{}';

CREATE FUNCTION vx_refresh_practitioner_provinces(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  -- One join and aggregate by index from the given ids (a correlated subquery per row was planned as a scan of
  -- every facility per practitioner when the membership table looked empty: seconds per thousand rows).
  WITH fresh AS (
    SELECT i.id, coalesce(array_agg(DISTINCT f.province_code ORDER BY f.province_code) FILTER (WHERE f.province_code IS NOT NULL), '{}') AS codes
      FROM (SELECT DISTINCT unnest(ids) AS id) i
      LEFT JOIN practitioner_membership pm ON pm.practitioner_id = i.id
      LEFT JOIN facility f ON f.id = pm.facility_id
     GROUP BY i.id)
  UPDATE practitioner p SET province_codes = fresh.codes FROM fresh
   WHERE p.id = fresh.id AND p.province_codes IS DISTINCT FROM fresh.codes
$$;

CREATE FUNCTION vx_membership_provinces_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vx_refresh_practitioner_provinces(ARRAY(SELECT DISTINCT practitioner_id FROM changed));
  RETURN NULL;
END $$;

CREATE TRIGGER practitioner_membership_provinces_ins AFTER INSERT ON practitioner_membership
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vx_membership_provinces_new();
CREATE TRIGGER practitioner_membership_provinces_del AFTER DELETE ON practitioner_membership
  REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION vx_membership_provinces_new();

CREATE FUNCTION vx_membership_provinces_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vx_refresh_practitioner_provinces(ARRAY(SELECT practitioner_id FROM before UNION SELECT practitioner_id FROM after));
  RETURN NULL;
END $$;
CREATE TRIGGER practitioner_membership_provinces_upd AFTER UPDATE ON practitioner_membership
  REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION vx_membership_provinces_moved();
-- A facility that moves province (a merger of provinces) moves its staff with it.
CREATE FUNCTION vx_facility_provinces() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM vx_refresh_practitioner_provinces(ARRAY(SELECT practitioner_id FROM practitioner_membership WHERE facility_id = NEW.id));
  RETURN NULL;
END $$;
CREATE TRIGGER facility_practitioner_provinces AFTER UPDATE OF province_code ON facility
  FOR EACH ROW WHEN (OLD.province_code IS DISTINCT FROM NEW.province_code) EXECUTE FUNCTION vx_facility_provinces();

UPDATE practitioner p SET province_codes = codes
  FROM (SELECT pm.practitioner_id AS id, array_agg(DISTINCT f.province_code ORDER BY f.province_code) AS codes
          FROM practitioner_membership pm JOIN facility f ON f.id = pm.facility_id
         WHERE f.province_code IS NOT NULL GROUP BY 1) x
 WHERE p.id = x.id;

DROP INDEX practitioner_order_idx;
DROP INDEX practitioner_search_trgm;
CREATE INDEX practitioner_order_c_idx ON practitioner ((search_text COLLATE "C"), id);
CREATE INDEX practitioner_search_tail_trgm ON practitioner USING gin (substr(search_text, 2) gin_trgm_ops);
CREATE INDEX practitioner_provinces_gin ON practitioner USING gin (province_codes);
-- A rare language with a name ("Thuy" who speaks Khmer) was found by walking every "Thuy": with this index the
-- planner intersects the two (bench/results: directory p99 17.6 → 8.8 ms on the national data set).
CREATE INDEX practitioner_languages_gin ON practitioner USING gin (languages);
