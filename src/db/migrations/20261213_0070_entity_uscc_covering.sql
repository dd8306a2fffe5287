-- 统计分析 (docs/indicators.md): the inspected enterprises of a year are looked up in the directory
-- by their codes; carrying subject type and risk class in the code index makes each lookup an
-- index-only probe (no heap read per entity). Replaces the plain code index, which every lookup by
-- code still uses.
DROP INDEX IF EXISTS market_entity_uscc_idx;
CREATE INDEX market_entity_uscc_idx ON market_entity (uscc) INCLUDE (subject_type, risk_class);
