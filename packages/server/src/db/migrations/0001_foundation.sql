-- Foundation: geography, facilities, users, memberships, sessions, login attempts, audit.

CREATE TABLE province (
  code        text PRIMARY KEY,
  name        text NOT NULL,
  valid_from  date NOT NULL,
  valid_to    date,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE commune (
  code          text PRIMARY KEY,
  province_code text NOT NULL REFERENCES province (code),
  name          text NOT NULL,
  valid_from    date NOT NULL,
  valid_to      date,
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX commune_province_idx ON commune (province_code);

-- Earlier names/parents of units: a merge or rename keeps history (the importer writes here).
CREATE TABLE admin_unit_history (
  id          bigserial PRIMARY KEY,
  level       text NOT NULL CHECK (level IN ('province', 'commune')),
  code        text NOT NULL,
  name        text NOT NULL,
  parent_code text,
  valid_from  date NOT NULL,
  valid_to    date NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX admin_unit_history_code_idx ON admin_unit_history (level, code);

CREATE TABLE facility (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code            text NOT NULL UNIQUE,
  name            text NOT NULL,
  name_en         text,
  name_lo         text,
  name_km         text,
  type            text NOT NULL CHECK (type IN ('central_hospital', 'provincial_hospital', 'specialised_hospital',
                    'regional_health_centre', 'commune_health_station', 'private_hospital', 'foreign_partner_hospital')),
  technical_level text CHECK (technical_level IN ('initial', 'basic', 'specialised')),
  country         char(2) NOT NULL DEFAULT 'VN' CHECK (country IN ('VN', 'LA', 'KH')),
  province_code   text REFERENCES province (code),
  province_text   text,
  commune_code    text REFERENCES commune (code),
  address         text,
  active          boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK (country <> 'VN' OR province_code IS NOT NULL)
);
CREATE INDEX facility_province_idx ON facility (province_code);

CREATE TABLE app_user (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  display_name        text NOT NULL,
  email               text,
  phone               text,
  password_hash       text NOT NULL,
  locale              text NOT NULL DEFAULT 'vi' CHECK (locale IN ('vi', 'en', 'lo', 'km')),
  active              boolean NOT NULL DEFAULT true,
  locked_until        timestamptz,
  totp_secret_enc     text,
  totp_pending_enc    text,
  totp_enabled        boolean NOT NULL DEFAULT false,
  totp_last_step      bigint,
  last_login_at       timestamptz,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CHECK (email IS NOT NULL OR phone IS NOT NULL)
);
CREATE UNIQUE INDEX app_user_email_key ON app_user (lower(email)) WHERE email IS NOT NULL;
CREATE UNIQUE INDEX app_user_phone_key ON app_user (phone) WHERE phone IS NOT NULL;

CREATE TABLE membership (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  facility_id uuid REFERENCES facility (id),
  role        text NOT NULL CHECK (role IN ('system_admin', 'facility_admin', 'coordinator', 'specialist', 'clinician',
                'site_operator', 'patient', 'trainee')),
  granted_by  uuid REFERENCES app_user (id),
  granted_at  timestamptz NOT NULL DEFAULT clock_timestamp(),  -- order of grants within one transaction
  -- network-wide roles are held at no facility; facility roles always at one
  CHECK ((role = 'system_admin') = (facility_id IS NULL))
);
CREATE UNIQUE INDEX membership_unique ON membership (user_id, role, coalesce(facility_id, '00000000-0000-0000-0000-000000000000'));
CREATE INDEX membership_facility_idx ON membership (facility_id, role);

CREATE TABLE user_session (
  id                 text PRIMARY KEY,           -- sha256 of the cookie token; the token itself is never stored
  user_id            uuid NOT NULL REFERENCES app_user (id),
  mfa_state          text NOT NULL CHECK (mfa_state IN ('complete', 'totp_pending', 'enrol_required')),
  active_facility_id uuid REFERENCES facility (id),
  ip                 inet,
  created_at         timestamptz NOT NULL DEFAULT now(),
  last_seen_at       timestamptz NOT NULL DEFAULT now(),
  expires_at         timestamptz NOT NULL,
  revoked_at         timestamptz
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

CREATE TABLE login_attempt (
  id          bigserial PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  account_key text NOT NULL,   -- user id when known, else a hash of the typed identifier (no personal data)
  ip          inet,
  success     boolean NOT NULL
);
CREATE INDEX login_attempt_account_idx ON login_attempt (account_key, at);
CREATE INDEX login_attempt_ip_idx ON login_attempt (ip, at);

-- Audit trail: append-only (Law 91/2025/QH15; consult data kept >= 10 years, Circular 49/2017).
CREATE TABLE audit_event (
  id                  bigserial PRIMARY KEY,
  at                  timestamptz NOT NULL DEFAULT now(),
  actor_user_id       uuid,
  acting_facility_id  uuid,
  subject_facility_id uuid,
  action              text NOT NULL,
  entity_type         text,
  entity_id           text,
  outcome             text NOT NULL CHECK (outcome IN ('success', 'denied', 'failure')),
  ip                  inet,
  request_id          text,
  details             jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_event_at_idx ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_user_id, at DESC);
CREATE INDEX audit_event_entity_idx ON audit_event (entity_type, entity_id, at DESC);
CREATE INDEX audit_event_acting_facility_idx ON audit_event (acting_facility_id, at DESC);
CREATE INDEX audit_event_subject_facility_idx ON audit_event (subject_facility_id, at DESC);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_event is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

CREATE TABLE app_setting (
  key   text PRIMARY KEY,
  value jsonb NOT NULL
);
