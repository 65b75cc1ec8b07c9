-- Health network registry: facility details, bridge sites, support links, practitioners, on-call shifts.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- Folds Vietnamese for search: no diacritics (đ → d), lower case, single spaces. Must agree with foldText() in
-- @vuonxa/core, which folds the query. unaccent() is only STABLE (its dictionary could change); pinning the
-- dictionary makes the wrapper safe to declare IMMUTABLE, as generated columns and indexes need.
CREATE FUNCTION vx_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$
  SELECT btrim(regexp_replace(lower(public.unaccent('public.unaccent'::regdictionary, t)), '\s+', ' ', 'g'))
$$;

-- Administrative centre of each province: the fallback location for "nearest hub" when a facility has none.
ALTER TABLE province ADD COLUMN latitude double precision, ADD COLUMN longitude double precision;
-- A commune retired by a merger points at the one that replaced it.
ALTER TABLE commune ADD COLUMN replaced_by text REFERENCES commune (code);

ALTER TABLE facility
  ADD COLUMN technical_score         numeric(5, 2) CHECK (technical_score BETWEEN 0 AND 100),
  ADD COLUMN specialties             text[] NOT NULL DEFAULT '{}',
  ADD COLUMN contact_phone           text,
  ADD COLUMN contact_email           text,
  ADD COLUMN eligibility_declared_at date,
  ADD COLUMN eligibility_scope       text,
  ADD COLUMN latitude                double precision CHECK (latitude BETWEEN -90 AND 90),
  ADD COLUMN longitude               double precision CHECK (longitude BETWEEN -180 AND 180),
  ADD COLUMN search_text             text GENERATED ALWAYS AS (vx_fold(code || ' ' || name || ' ' || coalesce(name_en, ''))) STORED,
  ADD CHECK ((eligibility_declared_at IS NULL) = (eligibility_scope IS NULL));
CREATE INDEX facility_search_trgm ON facility USING gin (search_text gin_trgm_ops);
CREATE INDEX facility_specialties_gin ON facility USING gin (specialties);
CREATE INDEX facility_type_idx ON facility (type, code);

CREATE TABLE bridge_site (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id       uuid NOT NULL REFERENCES facility (id),
  name              text NOT NULL,
  room              text,
  equipment         text[] NOT NULL DEFAULT '{}',
  bandwidth_kbps    integer CHECK (bandwidth_kbps > 0),
  link_kind         text NOT NULL CHECK (link_kind IN ('fibre', 'adsl', '4g', '5g', 'satellite', 'microwave', 'other')),
  operator_user_id  uuid REFERENCES app_user (id),
  status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'maintenance', 'inactive')),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (facility_id, name)
);

CREATE TABLE support_link (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hub_facility_id   uuid NOT NULL REFERENCES facility (id),
  spoke_facility_id uuid NOT NULL REFERENCES facility (id),
  specialties       text[] NOT NULL DEFAULT '{}',  -- empty: every specialty the hub offers
  valid_from        date NOT NULL,
  valid_to          date,
  created_by        uuid REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  CHECK (hub_facility_id <> spoke_facility_id),
  CHECK (valid_to IS NULL OR valid_to >= valid_from)
);
CREATE INDEX support_link_spoke_idx ON support_link (spoke_facility_id);
CREATE INDEX support_link_hub_idx ON support_link (hub_facility_id);

CREATE TABLE practitioner (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  full_name         text NOT NULL,
  licence_number    text NOT NULL UNIQUE,
  profession        text NOT NULL CHECK (profession IN ('doctor', 'physician_assistant', 'nurse', 'midwife', 'technician',
                      'pharmacist', 'traditional_medicine_practitioner', 'other')),
  scope_of_practice text NOT NULL,
  specialties       text[] NOT NULL DEFAULT '{}',
  languages         text[] NOT NULL DEFAULT '{vi}',
  email             text,
  phone             text,
  availability      text NOT NULL DEFAULT 'available' CHECK (availability IN ('available', 'limited', 'unavailable')),
  user_id           uuid UNIQUE REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  search_text       text GENERATED ALWAYS AS (vx_fold(full_name || ' ' || licence_number)) STORED
);
CREATE INDEX practitioner_search_trgm ON practitioner USING gin (search_text gin_trgm_ops);
CREATE INDEX practitioner_order_idx ON practitioner (search_text, id);
CREATE INDEX practitioner_specialties_gin ON practitioner USING gin (specialties);

CREATE TABLE practitioner_membership (
  practitioner_id uuid NOT NULL REFERENCES practitioner (id) ON DELETE CASCADE,
  facility_id     uuid NOT NULL REFERENCES facility (id),
  position        text NOT NULL,
  PRIMARY KEY (practitioner_id, facility_id)
);
CREATE INDEX practitioner_membership_facility_idx ON practitioner_membership (facility_id, practitioner_id);

CREATE TABLE on_call_shift (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practitioner_id uuid NOT NULL REFERENCES practitioner (id),
  facility_id     uuid NOT NULL REFERENCES facility (id),
  specialty       text NOT NULL,
  starts_at       timestamptz NOT NULL,
  ends_at         timestamptz NOT NULL,
  created_by      uuid REFERENCES app_user (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at)
);
CREATE INDEX on_call_shift_facility_idx ON on_call_shift (facility_id, specialty, ends_at);
CREATE INDEX on_call_shift_practitioner_idx ON on_call_shift (practitioner_id, ends_at);

-- Great-circle distance (haversine, mean Earth radius 6371 km).
CREATE FUNCTION vx_distance_km(lat1 double precision, lon1 double precision, lat2 double precision, lon2 double precision)
RETURNS double precision LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 2 * 6371 * asin(sqrt(power(sin(radians(lat2 - lat1) / 2), 2)
         + cos(radians(lat1)) * cos(radians(lat2)) * power(sin(radians(lon2 - lon1) / 2), 2)))
$$;
