-- Patients at home (issue 6): sign-in by one-time code, the people an account acts for, consents, the legal list
-- of conditions (Circular 30/2023/TT-BYT), services and fees, doctors' visit hours, bookings and the walk-in
-- virtual clinic. Visits are medical records: kept at least 10 years like consultations.

-- One-time codes sent by SMS (only their hash is kept).
CREATE TABLE otp_code (
  id          bigserial PRIMARY KEY,
  phone       text NOT NULL,
  code_hash   text NOT NULL,
  expires_at  timestamptz NOT NULL,
  attempts    int NOT NULL DEFAULT 0,
  used_at     timestamptz,
  ip          text,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX otp_code_phone_idx ON otp_code (phone, created_at DESC);
CREATE INDEX otp_code_ip_idx ON otp_code (ip, created_at DESC);

-- A patient registered from home has no facility yet.
ALTER TABLE patient ALTER COLUMN created_by_facility_id DROP NOT NULL;
ALTER TABLE patient ADD COLUMN created_by_user_id uuid REFERENCES app_user (id);

-- Whom an account acts for: the holder (self) and family members (a parent books for a child).
CREATE TABLE patient_account (
  user_id     uuid NOT NULL REFERENCES app_user (id),
  patient_id  uuid NOT NULL REFERENCES patient (id),
  relation    text NOT NULL CHECK (relation IN ('self', 'child', 'parent', 'spouse', 'other')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, patient_id)
);
CREATE UNIQUE INDEX patient_account_self ON patient_account (user_id) WHERE relation = 'self';
CREATE INDEX patient_account_patient_idx ON patient_account (patient_id);

-- Consents, each with its wording's version and time; withdrawing keeps the row (the history stays).
CREATE TABLE patient_consent (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id       uuid NOT NULL REFERENCES app_user (id),
  kind          text NOT NULL CHECK (kind IN ('remote_care', 'data_processing')),
  version       text NOT NULL,
  given_at      timestamptz NOT NULL DEFAULT now(),
  withdrawn_at  timestamptz,
  ip            text
);
CREATE INDEX patient_consent_user_idx ON patient_consent (user_id, kind, given_at DESC);
CREATE TRIGGER patient_consent_no_delete BEFORE DELETE ON patient_consent FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- The legal list: conditions that may be examined and treated remotely (reference data, importer-maintained).
CREATE TABLE remote_care_condition (
  no            int PRIMARY KEY,
  specialty     text,
  specialty_vi  text NOT NULL,
  name          text NOT NULL,
  icd10_codes   text[] NOT NULL,
  active        boolean NOT NULL DEFAULT true,
  source        text NOT NULL,
  updated_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visit_service (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id        uuid NOT NULL REFERENCES facility (id),
  name               text NOT NULL,
  specialty          text NOT NULL,
  duration_minutes   int NOT NULL CHECK (duration_minutes BETWEEN 5 AND 120),
  fee_vnd            bigint NOT NULL CHECK (fee_vnd >= 0),
  insurance_covered  boolean NOT NULL DEFAULT false,
  active             boolean NOT NULL DEFAULT true,
  created_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_service_facility_idx ON visit_service (facility_id);

CREATE TABLE facility_holiday (
  facility_id  uuid NOT NULL REFERENCES facility (id),
  date         date NOT NULL,
  name         text NOT NULL,
  PRIMARY KEY (facility_id, date)
);

CREATE TABLE visit_schedule (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  practitioner_id  uuid NOT NULL REFERENCES practitioner (id),
  facility_id      uuid NOT NULL REFERENCES facility (id),
  service_id       uuid NOT NULL REFERENCES visit_service (id),
  rule             jsonb NOT NULL,
  created_by       uuid NOT NULL REFERENCES app_user (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE visit_slot (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  schedule_id          uuid NOT NULL REFERENCES visit_schedule (id),
  practitioner_id      uuid NOT NULL REFERENCES practitioner (id),
  facility_id          uuid NOT NULL REFERENCES facility (id),
  service_id           uuid NOT NULL REFERENCES visit_service (id),
  starts_at            timestamptz NOT NULL,
  ends_at              timestamptz NOT NULL CHECK (ends_at > starts_at),
  cancel_cutoff_hours  int NOT NULL,
  status               text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'booked', 'blocked')),
  UNIQUE (practitioner_id, starts_at)
);
CREATE INDEX visit_slot_open_idx ON visit_slot (starts_at) WHERE status = 'open';
CREATE INDEX visit_slot_service_idx ON visit_slot (service_id, starts_at);

CREATE TABLE walk_in (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  facility_id       uuid NOT NULL REFERENCES facility (id),
  service_id        uuid NOT NULL REFERENCES visit_service (id),
  practitioner_ids  uuid[] NOT NULL,
  opened_by         uuid NOT NULL REFERENCES app_user (id),
  opened_at         timestamptz NOT NULL DEFAULT now(),
  closed_at         timestamptz,
  next_number       int NOT NULL DEFAULT 0
);
CREATE INDEX walk_in_open_idx ON walk_in (facility_id) WHERE closed_at IS NULL;

CREATE TABLE visit (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind                 text NOT NULL CHECK (kind IN ('scheduled', 'walk_in')),
  state                text NOT NULL CHECK (state IN ('booked', 'waiting', 'in_progress', 'completed', 'cancelled', 'no_show', 'referred_emergency')),
  patient_id           uuid NOT NULL REFERENCES patient (id),
  booked_by            uuid NOT NULL REFERENCES app_user (id),
  practitioner_id      uuid REFERENCES practitioner (id),
  facility_id          uuid NOT NULL REFERENCES facility (id),
  service_id           uuid NOT NULL REFERENCES visit_service (id),
  slot_id              uuid REFERENCES visit_slot (id),
  walk_in_id           uuid REFERENCES walk_in (id),
  queue_number         int,
  condition_no         int NOT NULL REFERENCES remote_care_condition (no),
  reason               text NOT NULL,
  starts_at            timestamptz,
  ends_at              timestamptz,
  cancel_cutoff_hours  int,
  cancelled_at         timestamptz,
  cancel_reason        text,
  called_at            timestamptz,
  reminded_day_at      timestamptz,
  reminded_hour_at     timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  retain_until         timestamptz NOT NULL,
  CHECK (kind <> 'scheduled' OR slot_id IS NOT NULL),
  CHECK ((kind = 'walk_in') = (walk_in_id IS NOT NULL))
);
-- One live booking per slot (a cancelled one frees it).
CREATE UNIQUE INDEX visit_slot_live ON visit (slot_id) WHERE state <> 'cancelled';
CREATE UNIQUE INDEX visit_ticket_number ON visit (walk_in_id, queue_number) WHERE walk_in_id IS NOT NULL;
CREATE INDEX visit_patient_idx ON visit (patient_id, starts_at DESC);
CREATE INDEX visit_practitioner_idx ON visit (practitioner_id, starts_at);
CREATE INDEX visit_facility_idx ON visit (facility_id, starts_at);
CREATE INDEX visit_walk_in_idx ON visit (walk_in_id, queue_number) WHERE walk_in_id IS NOT NULL;
CREATE TRIGGER visit_retention BEFORE DELETE ON visit FOR EACH ROW EXECUTE FUNCTION vx_refuse_early_delete();

-- A patient registered from home holds the patient role at no facility (like the network-wide system admin).
ALTER TABLE membership DROP CONSTRAINT membership_check;
ALTER TABLE membership ADD CONSTRAINT membership_facility_check
  CHECK (CASE role WHEN 'system_admin' THEN facility_id IS NULL WHEN 'patient' THEN true ELSE facility_id IS NOT NULL END);
