-- Live rooms: the chat of a session is kept with the session record (issue 5), like its minutes and attendance.
CREATE TABLE session_chat (
  id         bigserial PRIMARY KEY,
  session_id uuid NOT NULL REFERENCES consult_session (id),
  user_id    uuid NOT NULL REFERENCES app_user (id),
  text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
  at         timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX session_chat_session_idx ON session_chat (session_id, id);
CREATE TRIGGER session_chat_append_only BEFORE UPDATE OR DELETE ON session_chat
  FOR EACH ROW EXECUTE FUNCTION vx_refuse_change();
