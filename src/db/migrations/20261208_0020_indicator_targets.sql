-- 统计分析 and 考核 (docs/indicators.md). Targets per unit: a city sets its own (e.g. 信用风险分类
-- 结果应用率 95%) and it applies to itself and every unit below it unless a lower unit sets one;
-- without a row the default of the indicator's definition applies. A share between 0 and 1.
CREATE TABLE indicator_target (
  unit_code    text NOT NULL REFERENCES org_unit (code),
  indicator    text NOT NULL,
  target       numeric NOT NULL CHECK (target >= 0 AND target <= 1),
  set_by_name  text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, indicator)
);

-- 抽查户次占比: the routine inspections a unit did other than by random draw, as it reports them
-- for the year (the platform records only the random ones).
CREATE TABLE indicator_other_inspections (
  unit_code    text NOT NULL REFERENCES org_unit (code),
  year         integer NOT NULL,
  count        integer NOT NULL CHECK (count >= 0),
  set_by_name  text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (unit_code, year)
);

-- Counting by year: results, draws and follow-up items of a year are read by the unit that owns them.
CREATE INDEX visit_result_year_idx ON visit_result (year, unit_code);
CREATE INDEX draw_year_idx ON draw (year, unit_code);
CREATE INDEX followup_item_result_idx ON followup_item (unit_code, result_id);
