-- 统计分析 (docs/indicators.md): the inspected enterprises of a year are looked up in the directory
-- by their codes; carrying subject type and risk class in the code index makes each lookup an
-- index-only probe (no heap read per entity). The code index that also serves the prefix search
-- (and every equality on the code) carries them, so the directory keeps the same number of indexes.
DROP INDEX IF EXISTS market_entity_uscc_prefix_idx;
CREATE INDEX market_entity_uscc_prefix_idx ON market_entity (uscc bpchar_pattern_ops) INCLUDE (subject_type, risk_class);
