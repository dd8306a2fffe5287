-- 检查方案 of a joint task (部门联合抽查, docs/operator-guide.md "部门联合"): drafted by the unit that
-- draws the task, agreed (确认) by each department the task names before the draw's commit. One row
-- per task, keyed by the plan's unit code (the distribution column on Citus) and the task code.
-- parts: one entry per named department {unitCode, items[], contactName, contactPhone}.
-- agreements: [{unitCode, version, byName, at}] — an agreement counts only for the version it was
-- given on; editing the scheme raises version, so earlier agreements no longer count.
CREATE TABLE joint_scheme (
  unit_code        text NOT NULL,
  task_code        text NOT NULL,
  plan_id          uuid NOT NULL,
  version          integer NOT NULL CHECK (version >= 1),
  start_on         date NOT NULL,
  end_on           date NOT NULL CHECK (end_on >= start_on),
  parts            jsonb NOT NULL,
  agreements       jsonb NOT NULL DEFAULT '[]'::jsonb,
  drafted_by_unit  text NOT NULL,
  updated_by_name  text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, task_code)
);
