-- Every entity an import writes updates each index of market_entity; two of them only repeat
-- another index. market_entity_uscc_prefix_idx (uscc bpchar_pattern_ops) serves an equality
-- on the code as well as the prefix search, and market_entity_unit_name_idx (unit_code, name,
-- uscc) leads with the unit, so it serves every lookup by unit that market_entity_unit_idx did.
DROP INDEX IF EXISTS market_entity_uscc_idx;
DROP INDEX IF EXISTS market_entity_unit_idx;
