-- 随机抽查事项清单（一单）：清单版本、事项、下级单位的认领（seed 003 一(一)）。
-- A list is issued by one unit (province or city) as numbered versions; the item code is
-- stable across versions so a new version can be compared with the previous one and the
-- claims of lower units re-checked.

CREATE TABLE check_item_version (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  issuing_unit_code   text NOT NULL REFERENCES org_unit (code),
  title               text NOT NULL,
  version_no          integer NOT NULL CHECK (version_no > 0),
  status              text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued')),
  issued_on           date,
  -- The issued version this one replaced (set when issued), for the default diff.
  previous_version_id uuid REFERENCES check_item_version (id),
  source_file_name    text,
  item_count          integer NOT NULL DEFAULT 0,
  created_by_name     text NOT NULL,
  created_at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuing_unit_code, version_no),
  CHECK ((status = 'issued') = (issued_on IS NOT NULL))
);

CREATE TABLE check_item (
  version_id          uuid NOT NULL REFERENCES check_item_version (id) ON DELETE CASCADE,
  item_code           text NOT NULL,              -- 事项编码, stable across versions
  seq                 integer NOT NULL,           -- 序号 in the list
  category            text NOT NULL,              -- 抽查类别, e.g. 登记事项检查
  name                text NOT NULL,              -- 抽查事项（事项名称）
  content             text NOT NULL DEFAULT '',   -- 抽查子项/内容
  legal_basis         text NOT NULL DEFAULT '',   -- 检查依据
  target              text NOT NULL DEFAULT '',   -- 检查对象
  methods             text[] NOT NULL,            -- 检查方式: 实地核查/书面检查/网络监测/委托专业机构
  subject_level       text NOT NULL CHECK (subject_level IN ('省级', '市级', '县级')), -- 检查主体
  is_key              boolean NOT NULL DEFAULT false, -- 重点检查事项
  staff_requirements  text[] NOT NULL DEFAULT '{}',   -- 检查人员要求（资质/专长）
  guide               text NOT NULL DEFAULT '',   -- 抽查指引
  PRIMARY KEY (version_id, item_code)
);

CREATE INDEX check_item_version_seq ON check_item (version_id, seq);

-- A claim belongs to the claiming unit and to one list (issuing unit + item code); it points
-- at the version it was last confirmed against. Issuing a new version moves unchanged claims
-- forward and marks the others for review by the claiming unit.
CREATE TABLE check_item_claim (
  unit_code           text NOT NULL REFERENCES org_unit (code),
  issuing_unit_code   text NOT NULL REFERENCES org_unit (code),
  item_code           text NOT NULL,
  version_id          uuid NOT NULL REFERENCES check_item_version (id),
  claimed_on          date NOT NULL,
  responsible_office  text,
  local_note          text,
  review_status       text NOT NULL DEFAULT 'current' CHECK (review_status IN ('current', 'needs_review')),
  review_reason       text CHECK (review_reason IN ('removed', 'changed')),
  changed_fields      text[] NOT NULL DEFAULT '{}',
  -- The version that triggered the review (the newly issued one).
  review_version_id   uuid REFERENCES check_item_version (id),
  claimed_by_name     text NOT NULL,
  PRIMARY KEY (unit_code, issuing_unit_code, item_code)
);

CREATE INDEX check_item_claim_version ON check_item_claim (version_id);
