-- 数据导入：长任务（job）、导入问题清单（job_issue）、导入暂存（entity_import_staging）、
-- 检查对象名录库变更历史（market_entity_history）。Issue 3 (一单两库): imports are streamed into
-- the staging table in batches, then applied to market_entity in one final transaction, so the
-- directory is never half-written.

CREATE TABLE job (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_code        text NOT NULL REFERENCES org_unit (code),
  kind             text NOT NULL CHECK (kind IN ('entity_import', 'risk_class_import')),
  status           text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')),
  phase            text,
  progress_done    bigint NOT NULL DEFAULT 0,
  progress_total   bigint,
  file_name        text,
  file_bytes       bigint,
  options          jsonb NOT NULL DEFAULT '{}',
  summary          jsonb,
  error_message    text,
  created_by       uuid REFERENCES app_user (id),
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  finished_at      timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_unit_idx ON job (unit_code, created_at DESC);

-- Row-level problems found by an import (the downloadable error report).
CREATE TABLE job_issue (
  job_id       uuid NOT NULL REFERENCES job (id) ON DELETE CASCADE,
  seq          integer NOT NULL,
  row_number   integer,
  column_label text NOT NULL,
  value        text NOT NULL,
  reason       text NOT NULL,
  level        text NOT NULL CHECK (level IN ('error', 'warning')),
  PRIMARY KEY (job_id, seq)
);

-- Validated rows of a running import; emptied when the job ends. UNLOGGED: transient data.
CREATE UNLOGGED TABLE entity_import_staging (
  job_id            uuid NOT NULL,
  row_number        integer NOT NULL,
  region_code       char(6),
  uscc              char(18) NOT NULL,
  name              text,
  subject_type      text,
  enterprise_type   text,
  reg_status        text,
  established_on    date,
  address           text,
  legal_rep         text,
  reg_authority     text,
  unit_code         text,
  industry_code     text,
  tags              text[],
  risk_class        char(1),
  risk_class_since  date,
  PRIMARY KEY (job_id, row_number)
);
CREATE INDEX entity_import_staging_uscc_idx ON entity_import_staging (job_id, uscc);

CREATE TABLE market_entity_history (
  region_code  char(6) NOT NULL,
  uscc         char(18) NOT NULL,
  id           bigserial NOT NULL,
  changed_at   timestamptz NOT NULL DEFAULT now(),
  source       text NOT NULL CHECK (source IN ('import', 'risk_push', 'manual')),
  job_id       uuid,
  actor_name   text NOT NULL,
  changes      jsonb NOT NULL,   -- {field: [before, after]}
  PRIMARY KEY (region_code, uscc, id)
);
CREATE INDEX market_entity_history_job_idx ON market_entity_history (job_id) WHERE job_id IS NOT NULL;
