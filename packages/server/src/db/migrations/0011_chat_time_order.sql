-- Chat lines of live rooms are relayed before they are written: their ids come from the sequence in blocks per
-- instance, so time (set by the instance that relayed the line), then id, is the order they are read in.
DROP INDEX session_chat_session_idx;
CREATE INDEX session_chat_session_idx ON session_chat (session_id, at, id);
DROP INDEX visit_message_idx;
CREATE INDEX visit_message_idx ON visit_message (visit_id, at, id);
