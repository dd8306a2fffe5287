-- 双随机抽取 (docs/draw-spec.md, ssj-draw/1): one row per draw of a task batch. A draw is
-- committed (frames frozen, commit published) before any seed exists; the ceremony enters the
-- public source and reveals the operator's value; the result is then fixed. A re-draw is a new
-- row with a recorded reason; the voided draw stays. Keyed by the drawing unit for distribution.

CREATE TABLE draw (
  unit_code          text NOT NULL REFERENCES org_unit (code),   -- the drawing unit
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  plan_unit_code     text NOT NULL,
  plan_id            uuid NOT NULL,
  plan_version       integer NOT NULL,
  task_code          text NOT NULL,
  year               integer NOT NULL,
  batch_no           integer NOT NULL DEFAULT 1 CHECK (batch_no BETWEEN 1 AND 12),
  attempt            integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),   -- 1, then 2… after voided draws
  draw_code          text NOT NULL,        -- P.task: 任务编号-批次[-R重抽次数]
  status             text NOT NULL CHECK (status IN ('committed', 'drawn', 'voided')),
  params             jsonb NOT NULL,       -- P, exactly as hashed
  commit_hash        text NOT NULL,
  committed_at       text NOT NULL,        -- ISO-8601 as recorded in the bundle
  counts             jsonb NOT NULL,       -- per group: N_h after exclusions
  excluded_count     integer NOT NULL DEFAULT 0,
  operator_value     text NOT NULL,        -- secret until the ceremony; never sent before
  sources            jsonb,                -- the values, after the ceremony
  seed               text,
  result             jsonb,                -- allocation, sample, reserves, visits
  assignment         jsonb NOT NULL DEFAULT '[]',
  matching           jsonb,                -- options, unstaffable visits, manual swaps
  result_public_at   timestamptz,          -- when the public bundle was released (after inspections)
  drawn_at           timestamptz,
  drawn_by_name      text,
  witness_name       text,
  voided_at          timestamptz,
  voided_by_name     text,
  void_reason        text,
  replaces_draw_id   uuid,
  created_by_name    text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  UNIQUE (unit_code, draw_code),
  CHECK ((status = 'voided') = (voided_at IS NOT NULL))
);
CREATE INDEX draw_id_idx ON draw (id);
CREATE INDEX draw_task_idx ON draw (task_code, batch_no);
-- One draw of record per task batch and drawing unit at a time.
CREATE UNIQUE INDEX draw_one_active ON draw (unit_code, task_code, batch_no) WHERE status <> 'voided';

-- The frozen frame and exclusion files of each group (draw-spec §1), as hashed in the commit.
CREATE TABLE draw_group_file (
  unit_code   text NOT NULL,
  draw_id     uuid NOT NULL,
  position    integer NOT NULL,
  code        text NOT NULL,
  frame       text NOT NULL,
  exclusions  text NOT NULL,
  PRIMARY KEY (unit_code, draw_id, position),
  FOREIGN KEY (unit_code, draw_id) REFERENCES draw (unit_code, id)
);

-- 备选 used in place of a drawn object (e.g. 已注销 before the visit), with the reason.
CREATE TABLE draw_reserve_use (
  unit_code      text NOT NULL,
  draw_id        uuid NOT NULL,
  replaced_id    text NOT NULL,
  reserve_id     text NOT NULL,
  reason         text NOT NULL,
  used_by_name   text NOT NULL,
  used_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, draw_id, replaced_id),
  FOREIGN KEY (unit_code, draw_id) REFERENCES draw (unit_code, id)
);
