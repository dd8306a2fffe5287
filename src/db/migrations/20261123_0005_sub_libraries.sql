-- 名录分库: saved rules over 检查对象名录库, and 事项 → 对象 mapping
-- (which sub-libraries a 随机抽查事项 applies to). Plus the indexes that keep the entity
-- directory's search and paging fast at 1,000,000 entities.

-- A sub-library stores its rule, never its members: the population is always the live
-- directory (the rule's shape: src/core/subLibraries/rule.ts).
CREATE TABLE sub_library (
  unit_code        text NOT NULL REFERENCES org_unit (code),   -- owning unit
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
  description      text NOT NULL DEFAULT '',
  rule             jsonb NOT NULL,
  created_by_name  text NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, id),
  UNIQUE (unit_code, name)
);
CREATE INDEX sub_library_id_idx ON sub_library (id);

-- 事项 → 对象: a unit links a check item to a sub-library it can see. An item is named by
-- its list (issuing unit) and its 事项编码, which stays the same across list versions
-- (check_item, migration 20261123_0003), so a link survives a new version. No foreign keys
-- across the two registries (both are distributed by unit later); the API checks that both
-- ends exist, and deleting a sub-library deletes its links in the same transaction.
CREATE TABLE check_item_sub_library (
  unit_code          text NOT NULL REFERENCES org_unit (code),   -- the unit that made the link
  issuing_unit_code  text NOT NULL,
  item_code          text NOT NULL,
  sub_library_id     uuid NOT NULL,
  created_by_name    text NOT NULL,
  created_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, issuing_unit_code, item_code, sub_library_id)
);
CREATE INDEX check_item_sub_library_library_idx ON check_item_sub_library (sub_library_id);
CREATE INDEX check_item_sub_library_item_idx ON check_item_sub_library (issuing_unit_code, item_code);

-- Entity directory paging: list pages are ordered by (name, uscc) within the caller's units.
CREATE INDEX market_entity_unit_name_idx ON market_entity (unit_code, name, uscc);
-- 统一社会信用代码 prefix search (LIKE 'X%') regardless of the database collation.
CREATE INDEX market_entity_uscc_prefix_idx ON market_entity (uscc bpchar_pattern_ops);
-- Name substring search (LIKE '%词%'): a trigram index where the engine offers pg_trgm
-- (PostgreSQL servers with contrib). Embedded PGlite only offers it when the extension is
-- loaded at start-up; without it the search still works, scanning the caller's units.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'pg_trgm') THEN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX market_entity_name_trgm_idx ON market_entity USING gin (name gin_trgm_ops);
  END IF;
END
$$;
