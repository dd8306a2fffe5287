-- 抽查企业覆盖率's denominator (docs/indicators.md): active enterprises per 管辖单位, counted from
-- the index alone before summing over a unit's subtree.
CREATE INDEX market_entity_active_enterprise_idx ON market_entity (unit_code)
  WHERE subject_type = 'enterprise' AND reg_status IN ('存续', '在业');
