-- How a unit's plan tables name their columns: a header a planner mapped to a field (or to 忽略)
-- when importing a table, applied to that unit's next imports (src/core/plan/columns.ts). Keyed by
-- the unit and the header as matched (full-width forms folded, spaces and line breaks removed).
-- A unit's mappings are its own: a unit above or beside it does not use them.
CREATE TABLE plan_column_mapping (
  unit_code        text NOT NULL REFERENCES org_unit (code),
  header_key       text NOT NULL CHECK (length(header_key) BETWEEN 1 AND 200),
  target           text NOT NULL CHECK (target IN ('seq', 'region', 'name', 'taskType', 'items', 'population', 'quota',
                     'frequency', 'riskPolicy', 'period', 'initiator', 'initiatingDepartment', 'cooperatingDepartments',
                     'mode', 'ignore')),
  set_by_name      text NOT NULL,
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, header_key)
);
