-- 检查实施、结果公示与后续处置. Results are keyed by the inspecting unit; one result
-- per drawn visit (draw + object). The record's state follows src/core/results/reviewFlow.ts
-- (草稿 → 待审核 → 已公示 / 退回; corrections as new versions; 停止公示 requests), kept as JSON
-- with the status and the public fields copied into columns for lists and the portal.

-- A login that is an inspector in the directory (执法检查人员 account → 名录库 person).
ALTER TABLE inspector ADD COLUMN user_id uuid;
CREATE UNIQUE INDEX inspector_user_idx ON inspector (user_id) WHERE user_id IS NOT NULL;

CREATE TABLE visit_result (
  unit_code        text NOT NULL REFERENCES org_unit (code),   -- the inspecting unit
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  draw_unit_code   text NOT NULL,
  draw_id          uuid NOT NULL,
  task_code        text NOT NULL,
  year             integer NOT NULL,
  uscc             text NOT NULL,
  entity_name      text NOT NULL,          -- as registered when the result was entered
  status           text NOT NULL CHECK (status IN ('draft', 'pendingReview', 'returned', 'published')),
  record           jsonb NOT NULL,         -- ResultRecordState
  content          jsonb NOT NULL,         -- the working version: inputs and the validated VisitResult
  public_content   jsonb,                  -- the published version's public fields
  checked_on       date,
  published_on     date,
  public_text      text,                   -- 检查结果 as published
  stopped_on       date,                   -- 停止公示 approved
  abnormal_listed_on date,                 -- 列入经营异常名录 done (无法联系/未按规定公示)
  abnormal_decision  text,                 -- its decision number
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  UNIQUE (unit_code, draw_id, uscc)
);
CREATE INDEX visit_result_id_idx ON visit_result (id);
CREATE INDEX visit_result_public_idx ON visit_result (uscc) WHERE published_on IS NOT NULL AND stopped_on IS NULL;
-- Portal search by name: trigram index where pg_trgm exists (see 20261123_0005).
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
    CREATE INDEX visit_result_name_trgm_idx ON visit_result USING gin (entity_name gin_trgm_ops);
  END IF;
END
$$;

-- Every version of a result as entered (corrections keep the earlier ones readable).
CREATE TABLE visit_result_version (
  unit_code     text NOT NULL,
  result_id     uuid NOT NULL,
  version_no    integer NOT NULL,
  content       jsonb NOT NULL,
  reason        text,
  created_by_name text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, result_id, version_no),
  FOREIGN KEY (unit_code, result_id) REFERENCES visit_result (unit_code, id)
);

-- Photos and PDF scans attached to a result (internal: never on the portal).
CREATE TABLE visit_attachment (
  unit_code      text NOT NULL,
  result_id      uuid NOT NULL,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  file_name      text NOT NULL,
  kind           text NOT NULL CHECK (kind IN ('jpeg', 'png', 'webp', 'pdf')),
  bytes          integer NOT NULL,
  sha256         text NOT NULL,
  content        bytea NOT NULL,
  uploaded_by_name text NOT NULL,
  uploaded_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, result_id, id),
  FOREIGN KEY (unit_code, result_id) REFERENCES visit_result (unit_code, id)
);

-- 后续处置台账: one item per finding that needs follow-up (src/core/followup/ledger.ts).
CREATE TABLE followup_item (
  unit_code      text NOT NULL,            -- 谁监管、谁负责: the inspecting unit
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  result_id      uuid NOT NULL,
  task_code      text NOT NULL,
  uscc           text NOT NULL,
  entity_name    text NOT NULL,
  item_name      text NOT NULL,
  category       text NOT NULL,
  status         text NOT NULL CHECK (status IN ('open', 'closed')),
  due_on         date,
  state          jsonb NOT NULL,           -- LedgerItem
  opened_on      date NOT NULL,
  closed_on      date,
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  FOREIGN KEY (unit_code, result_id) REFERENCES visit_result (unit_code, id)
);
CREATE INDEX followup_item_id_idx ON followup_item (id);
CREATE INDEX followup_item_open_idx ON followup_item (unit_code, status, due_on);
