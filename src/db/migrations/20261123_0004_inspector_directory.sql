-- 执法检查人员名录库: lookup indexes for the import keys, and 回避 declarations.

-- Import upserts by 执法证号, else by (单位, 姓名): see src/server/inspectors/importInspectors.ts.
CREATE INDEX inspector_cert_no_idx ON inspector (cert_no) WHERE cert_no IS NOT NULL;
CREATE INDEX inspector_unit_name_idx ON inspector (unit_code, name);

-- 回避 declarations (seed 001 一): an inspector must not be drawn for an entity they are
-- tied to. Either one entity (kind 'entity', by 统一社会信用代码) or a relationship:
-- 原工作单位 / 亲属经营 (the related entity's USCC) or 本人网格/辖区 (a region or a unit).
-- Declarations are never deleted: ending one sets ended_on (the record stays for audit).
CREATE TABLE inspector_recusal (
  unit_code            text NOT NULL,
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  inspector_id         uuid NOT NULL,
  kind                 text NOT NULL CHECK (kind IN ('entity', 'former_employer', 'relative_business', 'own_grid')),
  uscc                 text,
  related_name         text,
  related_region_code  char(6) REFERENCES ref_division (code),
  related_unit_code    text REFERENCES org_unit (code),
  reason               text NOT NULL CHECK (length(reason) > 0),
  declared_on          date NOT NULL,
  valid_until          date,
  recorded_by_user_id  uuid,
  recorded_by_name     text NOT NULL,
  ended_on             date,
  end_reason           text,
  ended_by_name        text,
  created_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  FOREIGN KEY (unit_code, inspector_id) REFERENCES inspector (unit_code, id) ON UPDATE CASCADE,
  CHECK (kind = 'own_grid' OR uscc IS NOT NULL),
  CHECK (kind <> 'own_grid' OR related_region_code IS NOT NULL OR related_unit_code IS NOT NULL),
  CHECK (valid_until IS NULL OR valid_until >= declared_on),
  CHECK (ended_on IS NULL OR ended_on >= declared_on)
);
CREATE INDEX inspector_recusal_inspector_idx ON inspector_recusal (unit_code, inspector_id);
CREATE INDEX inspector_recusal_uscc_idx ON inspector_recusal (uscc) WHERE uscc IS NOT NULL;
