-- 合并抽取: several tasks of one plan drawn under one commit, one group per task (docs/draw-spec.md
-- §2, §6). The draw row keeps the first task (by code) in task_code, for the joins to its plan
-- task; merged_tasks lists every task of the merged draw, the first included, and is NULL for a
-- draw of one task. The group codes of a merged draw are the task codes, so a visit's groups name
-- the tasks that drew it.
ALTER TABLE draw ADD COLUMN merged_tasks text[];
CREATE INDEX draw_merged_tasks_idx ON draw USING gin (merged_tasks) WHERE merged_tasks IS NOT NULL;
