-- The triage queue in its own order (emergency first, then the longest waiting), per hub and per hub and specialty:
-- a coordinator's queue is then a range of an index read in order up to the page, with no rows of other
-- specialties fetched and dropped and no sort (bench B4 on 5,000,000 requests: the busiest hub holds ~1,000 waiting).
DROP INDEX consult_hub_queue_idx;
CREATE INDEX consult_hub_queue_idx ON consult_request
  (target_hub_id, (CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END), submitted_at, id)
  WHERE state IN ('submitted', 'forwarded', 'in_triage');
CREATE INDEX consult_hub_specialty_queue_idx ON consult_request
  (target_hub_id, specialty, (CASE urgency WHEN 'emergency' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END), submitted_at, id)
  WHERE state IN ('submitted', 'forwarded', 'in_triage');
