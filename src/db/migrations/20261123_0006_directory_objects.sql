-- 检查对象名录库: objects that are not market entities — 产品 (e.g. 工业产品 batches), 项目
-- (e.g. 建设/投资项目) and 行为 (e.g. 广告发布行为, 网络交易行为) — each with its own code
-- and its owning unit. Code formats: src/core/directoryObjects/objectCode.ts.
--
-- Citus readiness: the owning unit is the distribution column and leads the primary key and the
-- unique key. The related entity (uscc) is a plain column, not a foreign key: market_entity is
-- distributed by region and the entity may be registered in another county; the API validates
-- the code (GB 32100-2015) and joins the entity when the caller can see it.
CREATE TABLE directory_object (
  unit_code      text NOT NULL REFERENCES org_unit (code),   -- owning unit (管辖单位)
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  object_kind    text NOT NULL CHECK (object_kind IN ('product', 'project', 'behavior')),
  object_code    text NOT NULL CHECK (object_code ~ '^[0-9A-Z][0-9A-Z._/-]{0,39}$'),
  name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  description    text NOT NULL DEFAULT '' CHECK (length(description) <= 500),
  uscc           char(18),                                     -- related entity (optional)
  region_code    char(6) NOT NULL REFERENCES ref_division (code),
  industry_code  text,                                         -- GB/T 4754-2017 (optional)
  tags           text[] NOT NULL DEFAULT '{}',
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive')),
  status_since   date,
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  -- An object's code is unique within its owning unit and kind.
  UNIQUE (unit_code, object_kind, object_code)
);
CREATE INDEX directory_object_id_idx ON directory_object (id);
-- List pages are ordered by (name, id) within the caller's units.
CREATE INDEX directory_object_unit_name_idx ON directory_object (unit_code, name, id);
CREATE INDEX directory_object_uscc_idx ON directory_object (uscc) WHERE uscc IS NOT NULL;
CREATE INDEX directory_object_tags_idx ON directory_object USING gin (tags);
