-- Who is sent where has one record: the visit_inspector rows (20261204_0010_visits.sql). The
-- draw's `assignment` JSON, a second copy of the same people, goes; the bundle's `assignment`
-- (docs/draw-spec.md §10) is assembled from the current rows. `matching` keeps only what the rows
-- cannot say: the options, the manual swaps, when and at what total cost. Which unit inspects a
-- visit is the visit row's inspecting_unit_code; the people's names are on their rows.

ALTER TABLE draw DROP COLUMN assignment;
UPDATE draw SET matching = matching - 'visitUnits' - 'inspectors' WHERE matching IS NOT NULL;

-- Why a commit was made although it is a re-draw (an earlier one was voided) or late (the task
-- period had ended): shown with the commit on 任务公告.
ALTER TABLE draw ADD COLUMN commit_reason text;

-- The draw policy's reach: "a unit that inspects at least one of the draw's visits".
CREATE INDEX visit_draw_inspecting_idx ON visit (draw_unit_code, draw_id, inspecting_unit_code);

-- "Does any visit of this draw have a result?" (void, re-match, reserves and swaps are refused
-- once one has) and "is every visit done?" (publishing the sample).
CREATE INDEX visit_result_draw_idx ON visit_result (draw_id, uscc);
