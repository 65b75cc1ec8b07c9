-- Recording of live sessions with consent (issue 5). A recording is started only after every admitted participant
-- has answered the notice and accepted, and every patient on the agenda has a recorded consent. Recordings belong
-- to the session record: kept per the retention setting, not deletable before `retain_until`, every read audited.

-- The patient's consent to the recording of the discussion of their case, recorded by the requesting site or a host.
CREATE TABLE session_recording_consent (
  session_id   uuid NOT NULL REFERENCES consult_session (id),
  consult_id   uuid NOT NULL REFERENCES consult_request (id),
  method       text NOT NULL CHECK (method IN ('written', 'verbal')),
  recorded_by  uuid NOT NULL REFERENCES app_user (id),
  recorded_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, consult_id)
);
CREATE TRIGGER session_recording_consent_append_only BEFORE UPDATE OR DELETE ON session_recording_consent
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

-- Each participant's answer to the recording notice (evidence that everyone was told).
CREATE TABLE session_recording_answer (
  id          bigserial PRIMARY KEY,
  session_id  uuid NOT NULL REFERENCES consult_session (id),
  user_id     uuid NOT NULL REFERENCES app_user (id),
  accepted    boolean NOT NULL,
  at          timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX session_recording_answer_idx ON session_recording_answer (session_id, id);
CREATE TRIGGER session_recording_answer_append_only BEFORE UPDATE OR DELETE ON session_recording_answer
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();

CREATE TABLE session_recording (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  session_id    uuid NOT NULL REFERENCES consult_session (id),
  started_by    uuid NOT NULL REFERENCES app_user (id),
  started_at    timestamptz NOT NULL DEFAULT now(),
  ended_at      timestamptz,
  -- Who had accepted when it started (user ids), the proof the notice went round.
  consented     uuid[] NOT NULL,
  retain_until  timestamptz NOT NULL
);
CREATE INDEX session_recording_session_idx ON session_recording (session_id);
CREATE TRIGGER session_recording_retention BEFORE DELETE ON session_recording
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_early_delete();

CREATE TABLE session_recording_file (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  recording_id  uuid NOT NULL REFERENCES session_recording (id),
  kind          text NOT NULL CHECK (kind IN ('audio', 'video')),
  label         text NOT NULL,
  content_type  text NOT NULL,
  bytes         bigint NOT NULL,
  sha256        text NOT NULL,
  storage_key   text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX session_recording_file_idx ON session_recording_file (recording_id);
CREATE TRIGGER session_recording_file_append_only BEFORE UPDATE OR DELETE ON session_recording_file
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();
