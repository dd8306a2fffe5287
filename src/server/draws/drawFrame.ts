// The frame of a task batch (docs/draw-spec.md §1, §7): the task's 名录分库 within the drawing unit's
// scope, and the exclusions with their sources — not 存续 (登记状态); A-class businesses already
// drawn this year by another draw of record (低风险企业一年内不重复检查); objects already drawn by
// an upper-level or joint task with a shared item in an overlapping period.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { RISK_CLASSES, formatExclusions, type Exclusion, type RiskClass } from '../../core/draw/index.ts';
import { normalizeItemName } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';
import { riskClassificationLabel, riskClassificationNamedIn, type RiskClassification } from '../../core/entities/riskClassifications.ts';
import { ruleObjectKind, type RuleObjectKind, type SubLibraryRule } from '../../core/subLibraries/rule.ts';
import { compileObjectRule, subLibraryFrame } from '../subLibraries/compileRule.ts';
import { taskOfDraw, type DrawableTask } from './drawTask.ts';

/** What 抽取前预览 shows of a task's frame. */
export interface FrameCounts {
  entries: number;
  /** Eligible objects per risk class (the frame minus the exclusions). */
  counts: Record<RiskClass, number>;
  excluded: { reason: string; count: number }[];
  /** What the frame is drawn from and the classification its class column is. */
  basis: FrameBasis;
}

/** The frame and exclusions files to commit, with their counts. */
export interface BuiltFrame extends FrameCounts {
  frame: string;
  exclusions: string;
}

/** What a task draws from and by which classification (its 名录分库's kind, its 信用风险分类管理 text). */
export interface FrameBasis {
  kind: RuleObjectKind;
  classification: RiskClassification;
}

/**
 * The classification a task's allocation uses: the one the planner chose on the task, else the one
 * its 信用风险分类管理 text names, else the general one.
 */
export function classificationOfTask(task: Pick<DrawableTask, 'riskPolicy' | 'classification'>): RiskClassification {
  if (task.classification !== null) return task.classification;
  const policy = task.riskPolicy;
  if (policy === null) return 'general';
  return riskClassificationNamedIn('text' in policy ? policy.text : policy.kind === 'notUsed' ? policy.reason : '');
}

/** The group member of P that records a 专业领域 classification (none for the general one; docs/draw-spec.md §11). */
export function classificationParam(classification: RiskClassification): { classification?: string } {
  return classification === 'general' ? {} : { classification: riskClassificationLabel[classification] };
}

// The frame file (docs/draw-spec.md §2) written by the database: `id\tclass\n` per object, in byte
// order of id (COLLATE "C" compares bytes, as the spec sorts), one text value. A frame of
// millions of objects thus reaches Node as one string, not a row object per object; the
// commit then reads it as bytes (commitDrawFromBytes), which checks the order and every line.
const fileOf = (id: RawBuilder<string>, riskClass: RawBuilder<string>) =>
  sql<string | null>`string_agg(${id} || E'\t' || ${riskClass} || E'\n', '' ORDER BY ${id} COLLATE "C")`;

/** The frame file (written by the database), the exclusions file and the counts, for the commit. */
export async function buildTaskFrame(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string): Promise<BuiltFrame> {
  const built = await frameOfTask(db, scope, task, today, true);
  return { ...built, frame: built.frame! };
}

/** The counts and exclusions of the frame without writing the frame file (the preview). */
export async function taskFrameCounts(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string): Promise<FrameCounts> {
  const { entries, counts, excluded, basis } = await frameOfTask(db, scope, task, today, false);
  return { entries, counts, excluded, basis };
}

/** One population's part of the frame: the file and counts, the ids not to draw, the class of given ids. */
interface Population {
  whole: { frame: string | null; entries: string } & Record<string, unknown>;
  inactive: { id: string; riskClass: RiskClass; reason: string; source: string }[];
  classOf: (ids: readonly string[]) => Promise<Map<string, RiskClass>>;
}

/** Market entities: the 统一社会信用代码 and the class of the task's classification (U without one). */
async function entityPopulation(
  db: Kysely<DB>,
  scope: UnitScope,
  subLibraryId: string,
  classification: RiskClassification,
  today: string,
  withFile: boolean,
): Promise<Population> {
  const { query: entities } = await subLibraryFrame(db, scope, subLibraryId);
  const query =
    classification === 'general'
      ? entities.select(sql<string>`coalesce(e.risk_class, 'U')`.as('cls'))
      : entities
          .leftJoin('entity_risk_classification as c', (j) =>
            j.onRef('c.region_code', '=', 'e.region_code').onRef('c.uscc', '=', 'e.uscc').on('c.classification', '=', classification),
          )
          .select(sql<string>`coalesce(c.risk_class, 'U')`.as('cls'));
  const cls = sql<string>`cls`;
  const rows = db.selectFrom(query.select(['e.uscc', 'e.reg_status']).as('f'));
  const whole = await rows
    .select([
      (withFile ? fileOf(sql<string>`f.uscc::text`, cls) : sql<null>`NULL`).as('frame'),
      sql<string>`count(*)`.as('entries'),
      ...RISK_CLASSES.map((c) => sql<string>`count(*) FILTER (WHERE cls = ${c})`.as(`n_${c}`)),
    ])
    .executeTakeFirstOrThrow();
  const notActive = await rows.select(['f.uscc', 'f.cls', 'f.reg_status']).where('f.reg_status', '<>', '存续').execute();
  return {
    whole,
    inactive: notActive.map((r) => ({
      id: r.uscc,
      riskClass: r.cls as RiskClass,
      reason: `非存续（${r.reg_status}）`,
      source: `登记状态 ${today}`,
    })),
    classOf: async (ids) => {
      if (ids.length === 0) return new Map();
      const found = await rows
        .select(['f.uscc', 'f.cls'])
        .where(sql<boolean>`f.uscc = ANY(${[...new Set(ids)]}::text[])`)
        .execute();
      return new Map(found.map((r) => [r.uscc, r.cls as RiskClass] as const));
    },
  };
}

/**
 * 其他检查对象 of one kind: the object's own code is the frame id and every object is U (objects
 * carry no risk class). A code kept by two units of the scope would be two lines with one id: refused.
 */
async function objectPopulation(
  db: Kysely<DB>,
  scope: UnitScope,
  rule: SubLibraryRule,
  task: DrawableTask,
  today: string,
  withFile: boolean,
): Promise<Population> {
  const objects = compileObjectRule(db, rule, scope.unitCodes);
  const twice = await objects
    .select(['o.object_code', sql<string>`count(*)`.as('n')])
    .groupBy('o.object_code')
    .having(sql<boolean>`count(*) > 1`)
    .orderBy('o.object_code')
    .limit(5)
    .execute();
  if (twice.length > 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 的检查对象中，对象编码 ${twice.map((r) => r.object_code).join('、')} 在本单位范围内由多个单位登记，抽查名录中一个编码只能对应一个对象：请在检查对象名录库中修改其中一方的对象编码后再抽取。`,
      { code: task.code },
    );
  }
  const whole = await objects
    .select([
      (withFile ? fileOf(sql<string>`o.object_code`, sql<string>`'U'`) : sql<null>`NULL`).as('frame'),
      sql<string>`count(*)`.as('entries'),
      ...RISK_CLASSES.map((c) => (c === 'U' ? sql<string>`count(*)` : sql<string>`0`).as(`n_${c}`)),
    ])
    .executeTakeFirstOrThrow();
  const inactive = await objects.select(['o.object_code', 'o.status_since']).where('o.status', '<>', 'active').execute();
  return {
    whole,
    inactive: inactive.map((r) => ({
      id: r.object_code,
      riskClass: 'U' as const,
      reason: `已停用${r.status_since ? `（${r.status_since} 起）` : ''}`,
      source: `检查对象状态 ${today}`,
    })),
    classOf: async (ids) => {
      if (ids.length === 0) return new Map();
      const found = await objects
        .select('o.object_code')
        .where('o.object_code', 'in', [...new Set(ids)])
        .execute();
      return new Map(found.map((r) => [r.object_code, 'U' as RiskClass] as const));
    },
  };
}

async function frameOfTask(db: Kysely<DB>, scope: UnitScope, task: DrawableTask, today: string, withFile: boolean) {
  if (task.subLibraryId === null) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 的抽查对象范围“${task.population}”尚未关联名录分库，无法生成抽查名录：请计划编制人员在计划中为该任务选择名录分库（调整计划后发布）。`,
      { code: task.code },
    );
  }
  const { subLibrary } = await subLibraryFrame(db, scope, task.subLibraryId);
  const kind = ruleObjectKind(subLibrary.rule);
  const basis: FrameBasis = { kind, classification: kind === 'entity' ? classificationOfTask(task) : 'general' };
  const population =
    kind === 'entity'
      ? await entityPopulation(db, scope, task.subLibraryId, basis.classification, today, withFile)
      : await objectPopulation(db, scope, subLibrary.rule, task, today, withFile);
  const { whole } = population;
  const entries = Number(whole.entries);
  if (entries === 0) {
    throw new AppError(
      'UNPROCESSABLE',
      `任务 ${task.code} 关联的名录分库在本单位范围内没有任何对象（0 ${kind === 'entity' ? '户' : '个'}），无法抽取：请检查名录分库规则或名录库数据。`,
      { code: task.code },
    );
  }
  const counts = Object.fromEntries(RISK_CLASSES.map((c) => [c, Number(whole[`n_${c}`])])) as Record<RiskClass, number>;
  const exclusions: Exclusion[] = [];
  const excluded = new Set<string>();
  const exclude = (id: string, riskClass: RiskClass, reason: string, source: string) => {
    if (excluded.has(id)) return;
    excluded.add(id);
    counts[riskClass] -= 1;
    exclusions.push({ id, reason, source });
  };
  for (const r of population.inactive) exclude(r.id, r.riskClass, r.reason, r.source);
  // The frame's classes of ids drawn elsewhere (few: samples of other draws), by one query.
  const classInFrame = population.classOf;
  // Low-risk businesses are not inspected twice a year (docs/draw-spec.md §7): every draw of
  // record of the year counts — other tasks' and the earlier batches of this very task — and a
  // used reserve counts like a sample entry (it is visited). A voided draw does not count.
  const inspectedA = await sql<{ id: string; draw_code: string }>`
    SELECT DISTINCT ON (s.value->>'id') s.value->>'id' AS id, d.draw_code
    FROM draw d CROSS JOIN LATERAL jsonb_array_elements(
      coalesce(d.result->'sample', '[]'::jsonb) || coalesce(d.result->'reserves', '[]'::jsonb)) AS s(value)
    WHERE d.year = ${task.year} AND d.status = 'drawn' AND s.value->>'class' = 'A'
      AND (NOT s.value ? 'used' OR (s.value->>'used')::boolean)
    ORDER BY s.value->>'id', d.committed_at, d.draw_code`.execute(db);
  const inspectedClass = await classInFrame(inspectedA.rows.map((r) => r.id));
  for (const r of inspectedA.rows) {
    if (inspectedClass.get(r.id) !== 'A') continue;
    exclude(r.id, 'A', 'A类主体本年度已被抽查', `${r.draw_code} 抽取结果`);
  }
  // Covered by an upper-level or joint task in the same period (docs/draw-spec.md §7): objects drawn by
  // a draw of record of another task whose plan belongs to a unit above this task's plan unit
  // (or is a 部门联合 plan of it or above), with a shared item and an overlapping period.
  const period = task.period;
  if (period) {
    const owner = await db.selectFrom('org_unit').select('path').where('code', '=', task.planUnitCode).executeTakeFirstOrThrow();
    const above = owner.path.split('.').filter((code) => code !== task.planUnitCode);
    const covering = await db
      .selectFrom('draw as d')
      .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'd.plan_unit_code').onRef('p.id', '=', 'd.plan_id'))
      .innerJoin('plan_task as t', taskOfDraw)
      .select(['d.draw_code', 'd.result', 't.items', 't.period_start', 't.period_end'])
      .where('d.year', '=', task.year)
      .where('d.status', '=', 'drawn')
      .where('d.task_code', '<>', task.code)
      .where((eb) =>
        eb.or([
          ...(above.length > 0 ? [eb('d.plan_unit_code', 'in', above)] : []),
          eb.and([eb('p.kind', '=', 'joint'), eb('d.plan_unit_code', 'in', [...above, task.planUnitCode])]),
        ]),
      )
      .execute();
    const mine = new Set(task.items.map(normalizeItemName));
    const coveringDraws = covering.filter(
      (d) =>
        d.period_start !== null &&
        d.period_end !== null &&
        d.period_start <= period.end &&
        period.start <= d.period_end &&
        d.items.some((item) => mine.has(normalizeItemName(item))),
    );
    const samples = coveringDraws.map((d) => ({
      drawCode: d.draw_code,
      ids: (d.result as { sample: { id: string }[] }).sample.map((e) => e.id),
    }));
    const coveredClass = await classInFrame(samples.flatMap((s) => s.ids));
    for (const { drawCode, ids } of samples) {
      for (const id of ids) {
        const riskClass = coveredClass.get(id);
        if (riskClass !== undefined) exclude(id, riskClass, '已纳入上级或联合抽查任务', `${drawCode} 抽取结果`);
      }
    }
  }
  const byReason = new Map<string, number>();
  for (const e of exclusions) {
    const key = e.reason.startsWith('非存续') ? '非存续' : e.reason.startsWith('已停用') ? '已停用' : e.reason;
    byReason.set(key, (byReason.get(key) ?? 0) + 1);
  }
  return {
    frame: whole.frame,
    exclusions: formatExclusions(exclusions),
    entries,
    counts,
    excluded: [...byReason].map(([reason, count]) => ({ reason, count })),
    basis,
  };
}
