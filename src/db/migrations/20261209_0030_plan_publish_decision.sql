-- Publishing a plan version whose tasks cannot all be drawn (no 名录分库 linked, or the linked
-- one holds nobody) is a decision the publisher states: the reason and the tasks it covered are
-- kept with the published version (src/core/plan/publishDecision.ts). Both stay NULL for a
-- version whose every task could be drawn, and for versions published before this column.
ALTER TABLE plan_version
  ADD COLUMN undrawable_reason text CHECK (undrawable_reason IS NULL OR length(undrawable_reason) BETWEEN 1 AND 500),
  ADD COLUMN undrawable_tasks jsonb;
