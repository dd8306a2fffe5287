-- 年度抽查计划: plans, their versions (草拟/已发布/被替代), the tasks of each version,
-- and the filing deadlines an upper unit sets for its subordinates (备案, e.g. 4月15日).
-- Every table carries the owning unit's code first in its key, so plans distribute by unit.

CREATE TABLE plan (
  unit_code         text NOT NULL REFERENCES org_unit (code),   -- the unit that makes the plan
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  year              integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  kind              text NOT NULL DEFAULT 'own' CHECK (kind IN ('own', 'joint')),  -- joint: 部门联合抽查计划
  status            text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'filed')),
  published_version integer,          -- the version the public sees
  draft_version     integer,          -- the version being edited (first draft or an adjustment)
  filed_version     integer,          -- the version filed with the upper unit
  filed_at          timestamptz,
  filed_by_name     text,
  created_by_name   text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  CHECK (published_version IS NOT NULL OR draft_version IS NOT NULL),
  CHECK ((status = 'draft') = (published_version IS NULL)),
  CHECK ((status = 'filed') = (filed_version IS NOT NULL AND filed_version = published_version))
);
CREATE INDEX plan_id_idx ON plan (id);
CREATE INDEX plan_year_idx ON plan (year, unit_code);

-- One row per version. A published version is never updated again except to mark it
-- superseded when a later version is published.
CREATE TABLE plan_version (
  unit_code          text NOT NULL,
  plan_id            uuid NOT NULL,
  version_no         integer NOT NULL CHECK (version_no >= 1),
  state              text NOT NULL CHECK (state IN ('draft', 'published', 'superseded')),
  title              text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
  doc_number         text NOT NULL DEFAULT '',   -- 文号, e.g. 高市市监办发〔2025〕9号
  deadline           date,                        -- 完成时限, e.g. 12月15日
  reason             text,                        -- 调整原因 (versions after the first)
  source_file_name   text,
  created_by_name    text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  published_at       timestamptz,
  published_by_name  text,
  PRIMARY KEY (unit_code, plan_id, version_no),
  FOREIGN KEY (unit_code, plan_id) REFERENCES plan (unit_code, id)
);
CREATE UNIQUE INDEX plan_version_one_draft ON plan_version (unit_code, plan_id) WHERE state = 'draft';

-- The tasks of one version, keyed by 任务编号 (stable across versions: the diff matches on it).
-- cells: the row as written (by field); the other columns are what the cell parsers read from
-- it (src/core/plan), kept as columns so later features can query them; problems: the cells that
-- could not be read or need checking.
CREATE TABLE plan_task (
  unit_code               text NOT NULL,
  plan_id                 uuid NOT NULL,
  version_no              integer NOT NULL,
  task_code               text NOT NULL,
  year                    integer NOT NULL,
  seq                     integer,
  position                integer NOT NULL,        -- order in the table
  name                    text NOT NULL DEFAULT '',
  task_type               text CHECK (task_type IN ('directed', 'undirected')),
  items                   jsonb NOT NULL DEFAULT '[]',   -- item names as written (1+X)
  population              text NOT NULL DEFAULT '',
  sub_library_id          uuid,                          -- the population as a 名录分库
  quota                   jsonb,
  frequency               jsonb,
  batches_per_year        integer NOT NULL DEFAULT 1 CHECK (batches_per_year BETWEEN 1 AND 12),
  risk_policy             jsonb,
  period_start            date,
  period_end              date,
  initiator               jsonb,
  initiating_department   text,
  cooperating_departments text[] NOT NULL DEFAULT '{}',
  participant_unit_codes  text[] NOT NULL DEFAULT '{}',  -- member departments named in the task
  modes                   jsonb,                         -- 抽查检查模式: [{code, drawLevel, inspectLevel}]
  cells                   jsonb NOT NULL DEFAULT '{}',
  extra_cells             jsonb NOT NULL DEFAULT '[]',
  problems                jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (unit_code, plan_id, version_no, task_code),
  FOREIGN KEY (unit_code, plan_id, version_no) REFERENCES plan_version (unit_code, plan_id, version_no) ON DELETE CASCADE
);
CREATE INDEX plan_task_code_idx ON plan_task (task_code);
CREATE INDEX plan_task_year_idx ON plan_task (year, unit_code);
CREATE INDEX plan_task_participants_idx ON plan_task USING gin (participant_unit_codes);

-- 备案截止日期 an upper unit sets for its subordinates' plans of a year (忻市监信用〔2024〕47号: 4月15日).
CREATE TABLE plan_filing_deadline (
  unit_code        text NOT NULL REFERENCES org_unit (code),   -- the upper unit
  year             integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  due_on           date NOT NULL,
  set_by_name      text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, year)
);
