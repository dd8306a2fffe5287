-- 发起部门 of a joint task (部门联合抽查) as a unit: the member department (org unit kind
-- 'department' below the plan's unit) the task's 发起部门 cell names, when it names one. NULL means
-- the plan's own unit initiates (e.g. 原平市市场监督管理局 发起, 教育局 配合). The 发起部门 draws the
-- task and drafts its 检查方案; the other parties (the plan's unit and the departments named) 配合.
ALTER TABLE plan_task ADD COLUMN initiating_unit_code text;

-- Existing rows: the department whose name, spaces removed, is the cell's.
UPDATE plan_task t
SET initiating_unit_code = d.code
FROM org_unit d, org_unit o
WHERE o.code = t.unit_code
  AND d.kind = 'department'
  AND (d.path LIKE o.path || '.%' OR d.parent_code = t.unit_code)
  AND t.initiating_department IS NOT NULL
  AND regexp_replace(d.name, '\s', '', 'g') = regexp_replace(t.initiating_department, '\s', '', 'g')
  AND d.code = ANY (t.participant_unit_codes);
