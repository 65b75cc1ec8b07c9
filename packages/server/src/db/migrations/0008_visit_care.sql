-- The visit itself (Official Dispatch 7946/BYT-KCB steps), e-prescriptions, payment by VietQR, and the messages a
-- visit falls back to when video fails (issue 6).

-- The video room of a visit (the live-video capability; the doctor hosts, the patient's account waits to be let in).
ALTER TABLE visit ADD COLUMN room_id text UNIQUE;
ALTER TABLE visit ADD COLUMN started_at timestamptz;
ALTER TABLE visit ADD COLUMN ended_at timestamptz;
-- 7946 steps: identity (name, age, address, phone) and consent confirmed by the doctor, red-flag triage.
ALTER TABLE visit ADD COLUMN identity_confirmed_at timestamptz;
ALTER TABLE visit ADD COLUMN consent_confirmed_at timestamptz;
ALTER TABLE visit ADD COLUMN red_flags text[] NOT NULL DEFAULT '{}';
ALTER TABLE visit ADD COLUMN triage_at timestamptz;
ALTER TABLE visit ADD COLUMN emergency_advice text;
ALTER TABLE visit ADD COLUMN channel text CHECK (channel IN ('video', 'audio', 'message'));
-- The visit note: complaint, findings, diagnoses (ICD-10), advice, follow-up.
ALTER TABLE visit ADD COLUMN note jsonb;
ALTER TABLE visit ADD COLUMN note_updated_at timestamptz;

-- Messages of a visit (the fallback when video and sound fail on a weak link), kept with the record.
CREATE TABLE visit_message (
  id         bigserial PRIMARY KEY,
  visit_id   uuid NOT NULL REFERENCES visit (id),
  user_id    uuid NOT NULL REFERENCES app_user (id),
  text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX visit_message_idx ON visit_message (visit_id, id);
CREATE TRIGGER visit_message_append_only BEFORE UPDATE OR DELETE ON visit_message FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- The national facility code (mã cơ sở khám bệnh, chữa bệnh, 5 characters) that starts every prescription code.
ALTER TABLE facility ADD COLUMN kcb_code text UNIQUE CHECK (kcb_code ~ '^[0-9A-Z]{5}$');

-- Controlled substances (narcotic, psychotropic, precursor): never prescribed remotely.
CREATE TABLE controlled_substance (
  name_folded  text PRIMARY KEY,
  class        text NOT NULL CHECK (class IN ('narcotic', 'psychotropic', 'precursor'))
);
-- The common ones (Vietnamese and international spellings, folded); staff extend the table for the full lists.
INSERT INTO controlled_substance (name_folded, class) VALUES
  ('morphin', 'narcotic'), ('morphine', 'narcotic'), ('fentanyl', 'narcotic'), ('pethidin', 'narcotic'), ('pethidine', 'narcotic'),
  ('methadon', 'narcotic'), ('methadone', 'narcotic'), ('oxycodon', 'narcotic'), ('oxycodone', 'narcotic'), ('codein', 'narcotic'),
  ('codeine', 'narcotic'), ('tramadol', 'narcotic'), ('buprenorphin', 'narcotic'), ('buprenorphine', 'narcotic'),
  ('hydromorphon', 'narcotic'), ('hydromorphone', 'narcotic'), ('ketamin', 'psychotropic'), ('ketamine', 'psychotropic'),
  ('diazepam', 'psychotropic'), ('lorazepam', 'psychotropic'), ('alprazolam', 'psychotropic'), ('clonazepam', 'psychotropic'),
  ('midazolam', 'psychotropic'), ('bromazepam', 'psychotropic'), ('phenobarbital', 'psychotropic'), ('zolpidem', 'psychotropic'),
  ('ephedrin', 'precursor'), ('ephedrine', 'precursor'), ('pseudoephedrin', 'precursor'), ('pseudoephedrine', 'precursor');

CREATE TABLE prescription (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id         uuid NOT NULL UNIQUE REFERENCES visit (id),
  -- National format: 5-character facility code + 7 characters + '-' + the kind ('c': ordinary prescription).
  code             text NOT NULL UNIQUE CHECK (code ~ '^[0-9A-Z]{5}[0-9a-z]{7}-[cnhy]$'),
  practitioner_id  uuid NOT NULL REFERENCES practitioner (id),
  patient_id       uuid NOT NULL REFERENCES patient (id),
  diagnoses        jsonb NOT NULL,
  advice           text,
  issued_at        timestamptz NOT NULL DEFAULT now(),
  retain_until     timestamptz NOT NULL
);
CREATE TRIGGER prescription_retention BEFORE DELETE ON prescription FOR EACH ROW EXECUTE FUNCTION vx_refuse_early_delete();
CREATE TRIGGER prescription_immutable BEFORE UPDATE ON prescription FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

CREATE TABLE prescription_item (
  prescription_id   uuid NOT NULL REFERENCES prescription (id),
  ordinal           int NOT NULL,
  drug              text NOT NULL,
  active_ingredient text,
  strength          text NOT NULL,
  form              text NOT NULL,
  dose              text NOT NULL,
  route             text NOT NULL,
  frequency         text NOT NULL,
  duration_days     int NOT NULL CHECK (duration_days BETWEEN 1 AND 90),
  quantity          numeric NOT NULL CHECK (quantity > 0),
  unit              text NOT NULL,
  instructions      text,
  PRIMARY KEY (prescription_id, ordinal)
);
CREATE TRIGGER prescription_item_append_only BEFORE UPDATE OR DELETE ON prescription_item FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- Where a facility is paid: a VietQR (NAPAS 247) account.
CREATE TABLE facility_bank_account (
  facility_id   uuid PRIMARY KEY REFERENCES facility (id),
  bank_bin      text NOT NULL CHECK (bank_bin ~ '^[0-9]{6}$'),
  account_no    text NOT NULL CHECK (account_no ~ '^[0-9A-Za-z]{4,19}$'),
  account_name  text NOT NULL
);

CREATE TABLE payment (
  id                 uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  visit_id           uuid NOT NULL UNIQUE REFERENCES visit (id),
  amount_vnd         bigint NOT NULL CHECK (amount_vnd >= 0),
  insurance_covered  boolean NOT NULL,
  -- The transfer reference the bank reports back (in the QR's purpose field).
  reference          text NOT NULL UNIQUE,
  qr_payload         text,
  status             text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'cancelled', 'not_required')),
  bank_txn_id        text UNIQUE,
  paid_at            timestamptz,
  receipt_no         text UNIQUE,
  created_at         timestamptz NOT NULL DEFAULT now()
);
