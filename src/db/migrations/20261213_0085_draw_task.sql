-- The task batches a draw holds (docs/draw-spec.md §3.1: one draw of record per task batch): one
-- row per task of a draw that is not voided — a draw of one task has one row, a merged draw
-- (合并抽取) one per task. The primary key lets the database itself refuse a second draw of any
-- task in the batch, whichever task leads the draw that already holds it (draw_one_active
-- covers only the draw's first task). Written in the commit's transaction; deleted when the
-- draw is voided (the voided draw row stays). Keyed by the drawing unit for distribution.
CREATE TABLE draw_task (
  unit_code  text NOT NULL,
  task_code  text NOT NULL,
  batch_no   integer NOT NULL,
  draw_id    uuid NOT NULL,
  PRIMARY KEY (unit_code, task_code, batch_no),
  FOREIGN KEY (unit_code, draw_id) REFERENCES draw (unit_code, id)
);
CREATE INDEX draw_task_draw_idx ON draw_task (unit_code, draw_id);

-- The draws of record so far. Should two of them hold one task batch (two commits that raced
-- before this table), the earlier commit keeps it.
INSERT INTO draw_task (unit_code, task_code, batch_no, draw_id)
SELECT d.unit_code, t.code, d.batch_no, d.id
  FROM draw d CROSS JOIN LATERAL unnest(coalesce(d.merged_tasks, ARRAY[d.task_code])) AS t (code)
 WHERE d.status <> 'voided'
 ORDER BY d.created_at, d.id
ON CONFLICT DO NOTHING;
