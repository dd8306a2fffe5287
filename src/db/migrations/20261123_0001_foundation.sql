-- Foundation: reference data, org tree, accounts, sessions, audit log,
-- and the first shape of the two directories (filled by the demo; later migrations extend them).
-- PostgreSQL 15 syntax only (PGlite accepts newer syntax that PG 15 rejects).
-- Citus readiness: big tables carry region_code / unit_code and include it in their keys.

-- ---------------------------------------------------------------- reference data
CREATE TABLE ref_division (
  code        char(6) PRIMARY KEY,          -- GB/T 2260
  name        text    NOT NULL,
  level       smallint NOT NULL CHECK (level IN (1, 2, 3)),  -- 省/市/县
  parent_code char(6)
);

CREATE TABLE ref_industry (
  code        text PRIMARY KEY,             -- GB/T 4754-2017: A, 01, 011, 0111
  name        text NOT NULL,
  level       smallint NOT NULL CHECK (level BETWEEN 1 AND 4),  -- 门类/大类/中类/小类
  parent_code text
);

CREATE TABLE ref_holiday (
  day         date PRIMARY KEY,
  is_off_day  boolean NOT NULL,             -- true: statutory holiday; false: 调休 working weekend day
  name        text NOT NULL
);

-- ---------------------------------------------------------------- org tree
-- province → city → county → office (股室/科室) / station (市场监管所),
-- plus external departments (住建, 教育 …) that join joint inspections.
-- path is a dotted materialised path of codes, so "my unit and below" is a prefix match.
CREATE TABLE org_unit (
  code         text PRIMARY KEY,
  name         text NOT NULL,
  short_name   text NOT NULL,
  kind         text NOT NULL CHECK (kind IN ('province', 'city', 'county', 'office', 'station', 'department')),
  parent_code  text REFERENCES org_unit (code),
  path         text NOT NULL UNIQUE,
  region_code  char(6) NOT NULL REFERENCES ref_division (code),
  dept_type    text,                         -- for kind = department: 住建/教育/公安 …
  sort_order   integer NOT NULL DEFAULT 0,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'province') = (parent_code IS NULL))
);
CREATE INDEX org_unit_parent_idx ON org_unit (parent_code);
CREATE INDEX org_unit_path_idx ON org_unit (path text_pattern_ops);

-- ---------------------------------------------------------------- accounts
CREATE TABLE app_user (
  id                    uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username              text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,40}$'),
  display_name          text NOT NULL,
  home_unit_code        text NOT NULL REFERENCES org_unit (code),
  password_hash         text NOT NULL,
  password_changed_at   timestamptz NOT NULL DEFAULT now(),
  status                text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at            timestamptz NOT NULL DEFAULT now()
);

-- A user may hold several roles, possibly in several units (unit switcher).
CREATE TABLE user_role (
  user_id     uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  unit_code   text NOT NULL REFERENCES org_unit (code),
  role        text NOT NULL CHECK (role IN ('admin', 'planner', 'staff', 'inspector', 'leader', 'auditor')),
  PRIMARY KEY (user_id, unit_code, role)
);

CREATE TABLE user_session (
  token_hash      text PRIMARY KEY,          -- sha256 of the cookie value; the cookie itself is never stored
  user_id         uuid NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
  unit_code       text NOT NULL REFERENCES org_unit (code),
  role            text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  last_seen_at    timestamptz NOT NULL DEFAULT now(),
  expires_at      timestamptz NOT NULL
);
CREATE INDEX user_session_user_idx ON user_session (user_id);

-- Login throttling: failures per key (username or client address) in a sliding window.
CREATE TABLE login_throttle (
  throttle_key    text PRIMARY KEY,
  failures        integer NOT NULL DEFAULT 0,
  window_start    timestamptz NOT NULL DEFAULT now(),
  locked_until    timestamptz
);

-- ---------------------------------------------------------------- audit log
-- Append-only, hash-chained with SM3. One chain per acting unit (Citus-friendly:
-- distribution by unit_code keeps each chain on one shard). Each row stores the hash of
-- the previous row of its chain; row_hash = SM3(prev_hash || canonical JSON of the row).
CREATE TABLE audit_log (
  unit_code     text NOT NULL,
  seq           bigint NOT NULL,              -- 1, 2, 3 … within the unit's chain
  at            timestamptz NOT NULL,
  actor_user_id uuid,
  actor_name    text NOT NULL,
  action        text NOT NULL,               -- e.g. user.login, user.password_change, org.create
  object_type   text NOT NULL,
  object_id     text NOT NULL,
  summary       jsonb NOT NULL,              -- {before, after} with secrets removed
  prev_hash     char(64) NOT NULL,
  row_hash      char(64) NOT NULL,
  PRIMARY KEY (unit_code, seq)
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);

-- Append-only: a row-level guard (no cross-row logic). A DBA can disable it; the hash
-- chain is what detects that (ssj audit verify).
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- ---------------------------------------------------------------- 检查对象名录库 (first shape)
-- Distribution key: region_code (the county-level division the entity is registered in).
CREATE TABLE market_entity (
  region_code       char(6) NOT NULL REFERENCES ref_division (code),
  uscc              char(18) NOT NULL,        -- 统一社会信用代码
  name              text NOT NULL,
  subject_type      text NOT NULL CHECK (subject_type IN ('enterprise', 'individual', 'cooperative', 'other')),
  enterprise_type   text,                     -- 4-digit 企业类型 code
  reg_status        text NOT NULL CHECK (reg_status IN ('存续', '在业', '吊销', '注销', '迁出', '撤销', '停业', '其他')),
  established_on    date,
  address           text,
  legal_rep         text,
  reg_authority     text,
  unit_code         text NOT NULL REFERENCES org_unit (code),   -- 管辖单位 (usually a 市场监管所)
  industry_code     text,
  tags              text[] NOT NULL DEFAULT '{}',
  risk_class        char(1) CHECK (risk_class IN ('A', 'B', 'C', 'D')),
  risk_class_since  date,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, uscc)
);
CREATE INDEX market_entity_unit_idx ON market_entity (unit_code);
CREATE INDEX market_entity_uscc_idx ON market_entity (uscc);
CREATE INDEX market_entity_name_idx ON market_entity (region_code, name);
CREATE INDEX market_entity_tags_idx ON market_entity USING gin (tags);

-- ---------------------------------------------------------------- 执法检查人员名录库 (first shape)
CREATE TABLE inspector (
  unit_code        text NOT NULL REFERENCES org_unit (code),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  name             text NOT NULL,
  gender           text CHECK (gender IN ('男', '女')),
  category         text NOT NULL CHECK (category IN ('enforcement', 'expert')),  -- 执法人员 / 专业技术人员
  cert_no          text,                      -- 执法证号
  cert_expires_on  date,
  position         text,
  specialties      text[] NOT NULL DEFAULT '{}',   -- 业务专长
  qualifications   text[] NOT NULL DEFAULT '{}',   -- 执法资质
  region_code      char(6) NOT NULL REFERENCES ref_division (code),
  status           text NOT NULL DEFAULT '在岗' CHECK (status IN ('在岗', '调离', '退休')),
  status_since     date,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id)
);
CREATE INDEX inspector_id_idx ON inspector (id);

-- ---------------------------------------------------------------- settings
CREATE TABLE app_setting (
  key    text PRIMARY KEY,
  value  jsonb NOT NULL
);
