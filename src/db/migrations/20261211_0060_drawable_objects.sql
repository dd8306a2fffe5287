-- Every kind of 检查对象 can be drawn, and a business keeps several risk classifications.
--
-- 1. 标准 (企业标准、团体标准的自我声明) joins 产品、项目、行为 as a kind of 其他检查对象.
ALTER TABLE directory_object DROP CONSTRAINT directory_object_object_kind_check;
ALTER TABLE directory_object ADD CONSTRAINT directory_object_object_kind_check
  CHECK (object_kind IN ('product', 'project', 'behavior', 'standard'));

-- 2. A visit names what kind of object it inspects: NULL for a market entity (统一社会信用代码),
--    else the kind of the 其他检查对象 whose own code is the visit's object_id.
ALTER TABLE visit ADD COLUMN object_kind text
  CHECK (object_kind IS NULL OR object_kind IN ('product', 'project', 'behavior', 'standard'));

-- 3. 专业领域 risk classifications beside the general 信用风险分类 (market_entity.risk_class):
--    one row per business and classification (食品生产经营风险分级, 特种设备 …; the codes are in
--    src/core/entities/riskClassifications.ts), with its class, the day it was rated and its
--    source. Keyed like market_entity (region first) so it sits on the entity's shard.
CREATE TABLE entity_risk_classification (
  region_code     char(6) NOT NULL,
  uscc            char(18) NOT NULL,
  classification  text NOT NULL,
  risk_class      char(1) NOT NULL CHECK (risk_class IN ('A', 'B', 'C', 'D')),
  rated_on        date NOT NULL,
  source          text NOT NULL CHECK (length(source) BETWEEN 1 AND 100),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region_code, uscc, classification)
);
CREATE INDEX entity_risk_classification_uscc_idx ON entity_risk_classification (uscc, classification);
