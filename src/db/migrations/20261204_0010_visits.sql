-- 检查户 as rows: one row per object a draw sends inspectors to (draw-spec §6 "visits"), written by
-- the draw's commands (ceremony, reserves, matching, swaps) and read by result entry, deadlines,
-- the problem ledger and the indicators. Before, which unit inspects a visit and who was sent
-- lived only inside the draw's JSON; the draw's `result` stays the verified record of the ceremony.
-- Keyed by the drawing unit (as draw) for distribution; the inspecting unit is a column with an
-- index, so "visits my units inspect" is an indexed filter.

CREATE TABLE visit (
  draw_unit_code        text NOT NULL,            -- the drawing unit (draw.unit_code)
  draw_id               uuid NOT NULL,
  object_id             text NOT NULL,            -- the frame id: 统一社会信用代码 or the object's own code
  task_code             text NOT NULL,
  year                  integer NOT NULL,
  groups                text[] NOT NULL,          -- the draw's groups that drew it (1+X across tasks)
  items                 text[] NOT NULL,          -- 抽查事项, the union over its groups, sorted
  object_name           text,                     -- as registered when drawn
  inspecting_unit_code  text NOT NULL,            -- whose people inspect: the drawing unit, or the object's county (市抽县查)
  period_start          date,                     -- the task window, as planned when drawn
  period_end            date,
  replaced_by           text,                     -- a reserve visited in its place (备选替补), with the reason
  replaced_reason       text,
  reserve_for           text,                     -- for a reserve's visit: the object it stands in for
  created_at            timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (draw_unit_code, draw_id, object_id),
  FOREIGN KEY (draw_unit_code, draw_id) REFERENCES draw (unit_code, id)
);
CREATE INDEX visit_draw_idx ON visit (draw_id, object_id);
CREATE INDEX visit_inspecting_idx ON visit (inspecting_unit_code, year);
CREATE INDEX visit_object_idx ON visit (object_id);

-- Who is sent to a visit. A row is an assignment; a re-match or a swap releases the rows it
-- replaces (released_at, with the reason) instead of deleting them, so the history stays.
CREATE TABLE visit_inspector (
  draw_unit_code       text NOT NULL,
  draw_id              uuid NOT NULL,
  object_id            text NOT NULL,
  inspector_id         uuid NOT NULL,            -- the person in the 执法检查人员名录库
  inspector_unit_code  text NOT NULL,
  code                 text NOT NULL,            -- the person's code in the draw's matching (执法证号 or ZJ-…)
  name                 text NOT NULL,
  category             text NOT NULL CHECK (category IN ('enforcement', 'expert')),
  assigned_at          timestamptz NOT NULL,
  released_at          timestamptz,
  release_reason       text,
  PRIMARY KEY (draw_unit_code, draw_id, object_id, inspector_id, assigned_at),
  FOREIGN KEY (draw_unit_code, draw_id, object_id) REFERENCES visit (draw_unit_code, draw_id, object_id)
);
CREATE INDEX visit_inspector_current_idx ON visit_inspector (inspector_id) WHERE released_at IS NULL;

-- The visits of the draws done so far, from their JSON.
INSERT INTO visit (draw_unit_code, draw_id, object_id, task_code, year, groups, items, object_name,
                   inspecting_unit_code, period_start, period_end, replaced_by, replaced_reason, reserve_for, created_at)
SELECT d.unit_code, d.id, v.value ->> 'id', d.task_code, d.year,
       COALESCE((SELECT array_agg(DISTINCT s.value ->> 'group' ORDER BY s.value ->> 'group')
                   FROM jsonb_array_elements((d.result -> 'sample') || COALESCE(d.result -> 'reserves', '[]'::jsonb)) s
                  WHERE s.value ->> 'id' = v.value ->> 'id'), ARRAY['G1']),
       ARRAY(SELECT jsonb_array_elements_text(v.value -> 'items')),
       (SELECT e.name FROM market_entity e WHERE e.uscc = v.value ->> 'id' LIMIT 1),
       COALESCE(d.matching -> 'visitUnits' ->> (v.value ->> 'id'), d.unit_code),
       t.period_start, t.period_end,
       u.reserve_id, u.reason, r.replaced_id,
       COALESCE(d.drawn_at, d.created_at)
  FROM draw d
  CROSS JOIN LATERAL jsonb_array_elements(d.result -> 'visits') v
  LEFT JOIN plan_task t ON t.unit_code = d.plan_unit_code AND t.plan_id = d.plan_id
                       AND t.version_no = d.plan_version AND t.task_code = d.task_code
  LEFT JOIN draw_reserve_use u ON u.unit_code = d.unit_code AND u.draw_id = d.id AND u.replaced_id = v.value ->> 'id'
  LEFT JOIN draw_reserve_use r ON r.unit_code = d.unit_code AND r.draw_id = d.id AND r.reserve_id = v.value ->> 'id'
 WHERE d.status = 'drawn' AND d.result IS NOT NULL;

INSERT INTO visit_inspector (draw_unit_code, draw_id, object_id, inspector_id, inspector_unit_code, code, name,
                             category, assigned_at)
SELECT d.unit_code, d.id, a.value ->> 'id', (p.value ->> 'id')::uuid, p.value ->> 'unitCode', c.code,
       p.value ->> 'name', COALESCE(p.value ->> 'category', 'enforcement'),
       COALESCE((d.matching ->> 'matchedAt')::timestamptz, d.drawn_at, d.created_at)
  FROM draw d
  CROSS JOIN LATERAL jsonb_array_elements(d.assignment) a
  CROSS JOIN LATERAL jsonb_array_elements_text(a.value -> 'inspectors') AS c(code)
  JOIN LATERAL (SELECT d.matching -> 'inspectors' -> c.code AS value) p ON p.value IS NOT NULL
 WHERE d.status = 'drawn'
   AND EXISTS (SELECT 1 FROM visit v WHERE v.draw_unit_code = d.unit_code AND v.draw_id = d.id AND v.object_id = a.value ->> 'id');
