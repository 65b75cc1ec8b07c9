-- Remote case consultation (hội chẩn từ xa): patients, requests, files, discussion, live sessions, signed reports,
-- outcomes, notifications. Consultation records are kept at least 10 years (Circular 49/2017/TT-BYT; the period is
-- configuration): users cannot delete them, and the database refuses deletes before `retain_until`.

CREATE FUNCTION vx_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE FUNCTION vx_refuse_early_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.retain_until IS NULL OR OLD.retain_until > now() THEN
    RAISE EXCEPTION '% % is under retention', TG_TABLE_NAME, OLD.id USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN OLD;
END $$;

CREATE TABLE patient (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  full_name              text NOT NULL,
  birth_date             date NOT NULL,
  sex                    text NOT NULL CHECK (sex IN ('male', 'female', 'other')),
  citizen_id             text UNIQUE CHECK (citizen_id ~ '^[0-9]{12}$'),
  insurance_number       text,
  insurance_key          text UNIQUE,     -- last 10 digits: the social insurance number, the same person on any card
  address                text,
  province_code          text REFERENCES province (code),
  commune_code           text REFERENCES commune (code),
  phone                  text,
  contact_note           text,
  created_by_facility_id uuid NOT NULL REFERENCES facility (id),
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  search_text            text GENERATED ALWAYS AS (vx_fold(full_name)) STORED
);
CREATE INDEX patient_search_trgm ON patient USING gin (search_text gin_trgm_ops);

-- The facilities a patient is registered at: their clinicians may find and read the patient.
CREATE TABLE patient_facility (
  patient_id  uuid NOT NULL REFERENCES patient (id),
  facility_id uuid NOT NULL REFERENCES facility (id),
  linked_at   timestamptz NOT NULL DEFAULT now(),
  linked_by   uuid REFERENCES app_user (id),
  PRIMARY KEY (facility_id, patient_id)
);
CREATE INDEX patient_facility_patient_idx ON patient_facility (patient_id);

CREATE SEQUENCE consult_ref_seq;

CREATE TABLE consult_request (
  id                     uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ref                    text NOT NULL UNIQUE,
  state                  text NOT NULL DEFAULT 'draft',
  type                   text,
  urgency                text CHECK (urgency IN ('emergency', 'urgent', 'routine')),
  specialty              text,
  requesting_facility_id uuid NOT NULL REFERENCES facility (id),
  requesting_site_id     uuid REFERENCES bridge_site (id),
  requester_user_id      uuid NOT NULL REFERENCES app_user (id),
  target_hub_id          uuid REFERENCES facility (id),
  patient_id             uuid REFERENCES patient (id),
  clinical               jsonb NOT NULL DEFAULT '{}',
  question               text NOT NULL DEFAULT '',
  diagnoses              jsonb NOT NULL DEFAULT '[]',
  open_question          text,
  decline_reason         text,
  triaged_by             uuid REFERENCES app_user (id),
  submitted_at           timestamptz,
  response_due_at        timestamptz,
  decided_at             timestamptz,
  concluded_at           timestamptz,
  outcome_due_at         timestamptz,
  closed_at              timestamptz,
  retain_until           timestamptz,
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX consult_requesting_idx ON consult_request (requesting_facility_id, updated_at DESC, id);
CREATE INDEX consult_hub_queue_idx ON consult_request (target_hub_id, state) WHERE state IN ('submitted', 'forwarded', 'in_triage');
CREATE INDEX consult_hub_idx ON consult_request (target_hub_id, updated_at DESC, id) WHERE state <> 'draft';
CREATE INDEX consult_outcome_due_idx ON consult_request (outcome_due_at) WHERE state = 'concluded';
CREATE INDEX consult_patient_idx ON consult_request (patient_id);
CREATE TRIGGER consult_request_retention BEFORE DELETE ON consult_request
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_early_delete();

CREATE TABLE consult_assignment (
  consult_id  uuid NOT NULL REFERENCES consult_request (id),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  assigned_by uuid REFERENCES app_user (id),
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consult_id, user_id)
);
CREATE INDEX consult_assignment_user_idx ON consult_assignment (user_id);

-- Every transition: who, when, from, to, why. Append-only.
CREATE TABLE consult_event (
  id            bigserial PRIMARY KEY,
  consult_id    uuid NOT NULL REFERENCES consult_request (id),
  at            timestamptz NOT NULL DEFAULT clock_timestamp(),
  actor_user_id uuid REFERENCES app_user (id),
  action        text NOT NULL,
  from_state    text,
  to_state      text NOT NULL,
  details       jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX consult_event_consult_idx ON consult_event (consult_id, id);
CREATE TRIGGER consult_event_append_only BEFORE UPDATE OR DELETE ON consult_event
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- Files. Content-addressed by SHA-256 in the blob store; the kind and type come from the bytes, not the sender.
CREATE TABLE blob (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  sha256             text NOT NULL,
  size               bigint NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('image', 'pdf', 'dicom', 'video')),
  content_type       text NOT NULL,
  storage_key        text NOT NULL,
  thumbnail_key      text,
  meta               jsonb NOT NULL DEFAULT '{}',
  owner_facility_id  uuid NOT NULL REFERENCES facility (id),
  created_by         uuid NOT NULL REFERENCES app_user (id),
  created_at         timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE upload (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id      uuid NOT NULL REFERENCES app_user (id),
  facility_id  uuid NOT NULL REFERENCES facility (id),
  filename     text NOT NULL,
  size         bigint NOT NULL,
  sha256       text NOT NULL,
  received     bigint NOT NULL DEFAULT 0,
  state        text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'complete')),
  blob_id      uuid REFERENCES blob (id),
  created_at   timestamptz NOT NULL DEFAULT now(),
  expires_at   timestamptz NOT NULL
);
CREATE INDEX upload_user_idx ON upload (user_id, created_at DESC);

CREATE TABLE consult_message (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consult_id         uuid NOT NULL REFERENCES consult_request (id),
  kind               text NOT NULL CHECK (kind IN ('message', 'info_request', 'info_response')),
  author_user_id     uuid NOT NULL REFERENCES app_user (id),
  author_facility_id uuid REFERENCES facility (id),
  body               text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX consult_message_consult_idx ON consult_message (consult_id, created_at);
CREATE TRIGGER consult_message_append_only BEFORE UPDATE OR DELETE ON consult_message
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- Read receipts: how far each participant has read the thread.
CREATE TABLE consult_read (
  consult_id uuid NOT NULL REFERENCES consult_request (id),
  user_id    uuid NOT NULL REFERENCES app_user (id),
  read_at    timestamptz NOT NULL,
  PRIMARY KEY (consult_id, user_id)
);

CREATE TABLE consult_attachment (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consult_id  uuid NOT NULL REFERENCES consult_request (id),
  message_id  uuid REFERENCES consult_message (id),
  blob_id     uuid NOT NULL REFERENCES blob (id),
  filename    text NOT NULL,
  caption     text,
  added_by    uuid NOT NULL REFERENCES app_user (id),
  added_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
  removed_at  timestamptz,
  removed_by  uuid REFERENCES app_user (id)
);
CREATE INDEX consult_attachment_consult_idx ON consult_attachment (consult_id, added_at);

CREATE TABLE consult_session (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  hub_facility_id   uuid NOT NULL REFERENCES facility (id),
  title             text NOT NULL,
  starts_at         timestamptz NOT NULL,
  ends_at           timestamptz NOT NULL,
  state             text NOT NULL DEFAULT 'scheduled' CHECK (state IN ('scheduled', 'live', 'ended', 'cancelled')),
  chair_user_id     uuid NOT NULL REFERENCES app_user (id),
  secretary_user_id uuid NOT NULL REFERENCES app_user (id),
  room_id           text NOT NULL UNIQUE,
  minutes           text NOT NULL DEFAULT '',
  created_by        uuid NOT NULL REFERENCES app_user (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  started_at        timestamptz,
  ended_at          timestamptz
);
CREATE INDEX consult_session_hub_idx ON consult_session (hub_facility_id, starts_at);

CREATE TABLE session_agenda (
  session_id    uuid NOT NULL REFERENCES consult_session (id),
  consult_id    uuid NOT NULL REFERENCES consult_request (id),
  ordinal       integer NOT NULL,
  discussed_at  timestamptz,
  PRIMARY KEY (session_id, consult_id)
);
CREATE INDEX session_agenda_consult_idx ON session_agenda (consult_id);

CREATE TABLE session_invite (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id  uuid NOT NULL REFERENCES consult_session (id),
  kind        text NOT NULL CHECK (kind IN ('specialist', 'site')),
  user_id     uuid REFERENCES app_user (id),
  facility_id uuid REFERENCES facility (id),
  response    text NOT NULL DEFAULT 'pending' CHECK (response IN ('pending', 'accepted', 'declined')),
  responded_at timestamptz,
  CHECK ((kind = 'specialist') = (user_id IS NOT NULL)),
  CHECK ((kind = 'site') = (facility_id IS NOT NULL))
);
CREATE UNIQUE INDEX session_invite_user_uq ON session_invite (session_id, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX session_invite_facility_uq ON session_invite (session_id, facility_id) WHERE facility_id IS NOT NULL;
CREATE INDEX session_invite_user_idx ON session_invite (user_id);
CREATE INDEX session_invite_facility_idx ON session_invite (facility_id);

CREATE TABLE session_attendance (
  id          bigserial PRIMARY KEY,
  session_id  uuid NOT NULL REFERENCES consult_session (id),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  facility_id uuid REFERENCES facility (id),
  joined_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
  left_at     timestamptz
);
CREATE INDEX session_attendance_session_idx ON session_attendance (session_id, joined_at);

-- A user's signing key (Ed25519). The private key is sealed with the server's key and opened only to sign, after
-- the signer re-enters the password. Keys are never deleted: old signatures must stay verifiable.
CREATE TABLE signing_key (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id         uuid NOT NULL REFERENCES app_user (id),
  public_key      text NOT NULL,        -- SPKI, PEM
  private_key_enc text NOT NULL,
  fingerprint     text NOT NULL UNIQUE, -- SHA-256 of the SPKI DER, hex
  created_at      timestamptz NOT NULL DEFAULT now(),
  revoked_at      timestamptz
);
CREATE UNIQUE INDEX signing_key_active_uq ON signing_key (user_id) WHERE revoked_at IS NULL;
CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

CREATE TABLE consult_report (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consult_id       uuid NOT NULL REFERENCES consult_request (id),
  version          integer NOT NULL,
  supersedes_id    uuid REFERENCES consult_report (id),
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'signing', 'final')),
  content          jsonb NOT NULL,
  content_hash     text,                -- SHA-256 of the canonical payload when frozen
  required_signers jsonb NOT NULL DEFAULT '[]',  -- [{ userId, role }]
  drafted_by       uuid NOT NULL REFERENCES app_user (id),
  session_id       uuid REFERENCES consult_session (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  frozen_at        timestamptz,
  finalized_at     timestamptz,
  retain_until     timestamptz,
  UNIQUE (consult_id, version)
);
CREATE UNIQUE INDEX consult_report_open_uq ON consult_report (consult_id) WHERE state <> 'final';

-- Once frozen, the content and its hash never change; a final report never changes at all.
CREATE FUNCTION consult_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.state = 'draft' THEN RETURN OLD; END IF;
    RAISE EXCEPTION 'a signed or signing report cannot be deleted' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.state = 'final' THEN
    RAISE EXCEPTION 'a final report is immutable; amend it with a new version' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF OLD.state = 'signing' AND (NEW.content IS DISTINCT FROM OLD.content OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
      OR NEW.required_signers IS DISTINCT FROM OLD.required_signers) THEN
    RAISE EXCEPTION 'a report being signed cannot change' USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consult_report_guard BEFORE UPDATE OR DELETE ON consult_report
  FOR EACH ROW EXECUTE FUNCTION consult_report_guard();

CREATE TABLE report_signature (
  id             bigserial PRIMARY KEY,
  report_id      uuid NOT NULL REFERENCES consult_report (id),
  signer_user_id uuid NOT NULL REFERENCES app_user (id),
  role           text NOT NULL CHECK (role IN ('chair', 'specialist')),
  key_id         uuid NOT NULL REFERENCES signing_key (id),
  payload_hash   text NOT NULL,         -- SHA-256 of what was signed, hex
  signature      text NOT NULL,         -- Ed25519, base64
  signed_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  UNIQUE (report_id, signer_user_id)
);
CREATE TRIGGER report_signature_append_only BEFORE UPDATE OR DELETE ON report_signature
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

CREATE TABLE consult_outcome (
  consult_id              uuid PRIMARY KEY REFERENCES consult_request (id),
  outcome                 text NOT NULL,
  occurred_on             date NOT NULL,
  note                    text,
  referred_to_facility_id uuid REFERENCES facility (id),
  reported_by             uuid NOT NULL REFERENCES app_user (id),
  reported_at             timestamptz NOT NULL DEFAULT now()
);

-- In-app notifications: references only, never patient data.
CREATE TABLE notification (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  kind        text NOT NULL,
  consult_id  uuid REFERENCES consult_request (id),
  session_id  uuid REFERENCES consult_session (id),
  ref         text,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  read_at     timestamptz
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);
CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;
