-- In-app notifications about a patient's visit at home (its reminder, the doctor opening it): the visit they point to.
ALTER TABLE notification ADD COLUMN visit_id uuid REFERENCES visit (id);
