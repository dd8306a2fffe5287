// The raw rows of every table the indicators read, as plain facts for the rules of
// src/core/indicators/facts.ts: the naive oracle of the indicator tests and the bench's baseline.
// Everything is fetched with plain selects; the derived fields are computed here in TypeScript.
import { chinaDateOf } from '../core/calendar/index.ts';
import type { AllocationSpec } from '../core/draw/params.ts';
import { drawRiskUse, type EntityRiskClass, type IndicatorFacts } from '../core/indicators/index.ts';
import type { Database } from '../db/database.ts';

const PROBLEMS = new Set(['problemOrderedToCorrect', 'problemPendingInvestigation', 'productUnqualified']);

/** Every row the rules read, fetched plainly; derived fields computed here in TypeScript. */
export async function readFacts(database: Database): Promise<IndicatorFacts> {
  const db = database.db;
  const units = new Map((await db.selectFrom('org_unit').select(['code', 'path']).execute()).map((u) => [u.code, u.path]));
  const entities = await db.selectFrom('market_entity').select(['uscc', 'unit_code', 'subject_type', 'reg_status', 'risk_class']).execute();
  const results = await db.selectFrom('visit_result').selectAll().execute();
  const visits = await db.selectFrom('visit').selectAll().execute();
  const draws = await db.selectFrom('draw').selectAll().execute();
  const plans = await db.selectFrom('plan').selectAll().execute();
  const versions = await db.selectFrom('plan_version').selectAll().execute();
  const tasks = await db.selectFrom('plan_task').selectAll().execute();
  const claims = await db
    .selectFrom('check_item_claim as c')
    .innerJoin('check_item as i', (j) => j.onRef('i.version_id', '=', 'c.version_id').onRef('i.item_code', '=', 'c.item_code'))
    .select(['c.unit_code', 'i.name'])
    .execute();
  const deadlines = await db.selectFrom('plan_filing_deadline').selectAll().execute();
  const followups = await db.selectFrom('followup_item').select(['unit_code', 'result_id', 'status']).execute();
  const others = await db.selectFrom('indicator_other_inspections').selectAll().execute();
  const planById = new Map(plans.map((p) => [`${p.unit_code}/${p.id}`, p]));
  const planOf = (unit: string, id: string) => planById.get(`${unit}/${id}`)!;
  const visitById = new Map(visits.map((v) => [`${v.draw_id}/${v.object_id}`, v]));
  const visitOf = (drawId: string, uscc: string) => visitById.get(`${drawId}/${uscc}`);
  const resultYear = new Map(results.map((r) => [`${r.unit_code}/${r.id}`, r.year]));
  return {
    entities: entities.map((e) => ({
      uscc: e.uscc,
      unitCode: e.unit_code,
      enterprise: e.subject_type === 'enterprise',
      active: e.reg_status === '存续' || e.reg_status === '在业',
      riskClass: (e.risk_class as EntityRiskClass | null) ?? null,
    })),
    results: results.map((r) => {
      const content = r.content as { validated: { categories: string[] } | null };
      return {
        unitCode: r.unit_code,
        drawId: r.draw_id,
        uscc: r.uscc,
        year: r.year,
        checkedOn: r.checked_on,
        publishedOn: r.published_on,
        periodEnd: visitOf(r.draw_id, r.uscc)?.period_end ?? null,
        problem: (content.validated?.categories ?? []).some((c) => PROBLEMS.has(c)),
      };
    }),
    visits: visits.map((v) => ({ drawUnitCode: v.draw_unit_code, drawId: v.draw_id, uscc: v.object_id, replaced: v.replaced_by !== null })),
    draws: draws.map((d) => ({
      unitCode: d.unit_code,
      id: d.id,
      year: d.year,
      status: d.status,
      planUnitCode: d.plan_unit_code,
      planId: d.plan_id,
      taskCode: d.task_code,
      joint: planOf(d.plan_unit_code, d.plan_id).kind === 'joint',
      drawnOn: d.drawn_at ? chinaDateOf(new Date(d.drawn_at)) : null,
      ...drawRiskUse(d.params.groups as { allocation: AllocationSpec }[], d.counts),
    })),
    tasks: tasks
      .filter((t) => planOf(t.unit_code, t.plan_id).published_version === t.version_no)
      .map((t) => {
        const plan = planOf(t.unit_code, t.plan_id);
        const version = versions.find(
          (v) => v.unit_code === t.unit_code && v.plan_id === t.plan_id && v.version_no === plan.published_version,
        )!;
        return {
          unitCode: t.unit_code,
          unitPath: units.get(t.unit_code)!,
          planId: t.plan_id,
          taskCode: t.task_code,
          year: t.year,
          joint: plan.kind === 'joint',
          items: t.items,
          deadline: version.deadline,
        };
      }),
    claims: claims.map((c) => ({ unitCode: c.unit_code, unitPath: units.get(c.unit_code)!, itemName: c.name })),
    plans: plans
      .filter((p) => p.published_version !== null)
      .map((p) => ({
        unitCode: p.unit_code,
        unitPath: units.get(p.unit_code)!,
        year: p.year,
        filedOn: p.filed_at ? chinaDateOf(new Date(p.filed_at)) : null,
      })),
    filingDeadlines: deadlines.map((d) => ({ unitPath: units.get(d.unit_code)!, year: d.year, dueOn: d.due_on })),
    followups: followups.map((f) => ({
      unitCode: f.unit_code,
      year: resultYear.get(`${f.unit_code}/${f.result_id}`)!,
      closed: f.status === 'closed',
    })),
    otherInspections: others.map((o) => ({ unitCode: o.unit_code, year: o.year, count: o.count })),
  };
}
