// 考核目标 as they apply (docs/indicators.md): a unit's own target for an indicator, else the
// nearest unit above it that set one, else the definition's default. The dashboard's cards, the
// trend and the 指标目标设置 form all read targets through effectiveTargets.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasFixedTarget, indicatorDefinitions, type IndicatorKey } from '../../core/indicators/index.ts';
import type { Caller } from '../http/route.ts';
import type { UnitGroup } from './indicatorRows.ts';
import { loadIndicatorUnitFor } from './policy.ts';
import { keyedRow } from '../../db/keyedRow.ts';

type Db = Kysely<DB>;

export interface AppliedTarget {
  target: number;
  /** The unit that set it (the unit itself or the nearest above it). */
  unitCode: string;
  unitName: string;
}

/** Per group's unit: the target set for each indicator by the nearest unit at or above it. */
export async function effectiveTargets(
  db: Db,
  groups: readonly UnitGroup[],
): Promise<Map<string, Partial<Record<IndicatorKey, AppliedTarget>>>> {
  const rows = await db
    .selectFrom('indicator_target as t')
    .innerJoin('org_unit as u', 'u.code', 't.unit_code')
    .select(['u.code', 'u.name', 'u.path', 't.indicator', 't.target'])
    .execute();
  const out = new Map<string, Partial<Record<IndicatorKey, AppliedTarget>>>();
  for (const g of groups) {
    const best = new Map<string, { depth: number; applied: AppliedTarget }>();
    for (const r of rows) {
      if (!(g.path === r.path || g.path.startsWith(r.path + '.'))) continue;
      const seen = best.get(r.indicator);
      if (!seen || r.path.length > seen.depth)
        best.set(r.indicator, { depth: r.path.length, applied: { target: Number(r.target), unitCode: r.code, unitName: r.name } });
    }
    out.set(g.code, Object.fromEntries([...best].map(([k, v]) => [k, v.applied])) as Partial<Record<IndicatorKey, AppliedTarget>>);
  }
  return out;
}

/** The target values alone, per group (what indicatorFigures takes). */
export async function targetsFor(db: Db, groups: readonly UnitGroup[]): Promise<Map<string, Partial<Record<IndicatorKey, number>>>> {
  const applied = await effectiveTargets(db, groups);
  return new Map(
    [...applied].map(([code, targets]) => [
      code,
      Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, v.target])) as Partial<Record<IndicatorKey, number>>,
    ]),
  );
}

/**
 * 指标目标设置: every indicator with a fixed target — its default, the unit's own target, the one
 * that applies and who set it — and the unit's 其他日常检查户次 of the year.
 */
export async function indicatorTargets(db: Db, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const applied = (await effectiveTargets(db, [unit])).get(unit.code) ?? {};
  const others = await keyedRow(db, 'indicator_other_inspections', { unit_code: unit.code, year: input.year }, ['count']);
  return {
    unit: { code: unit.code, name: unit.name },
    year: input.year,
    targets: indicatorDefinitions
      .filter(hasFixedTarget)
      .map((d) => {
        const a = applied[d.key];
        return {
          key: d.key,
          name: d.name,
          direction: d.direction,
          defaultTarget: d.defaultTarget,
          own: a && a.unitCode === unit.code ? a.target : null,
          target: a ? a.target : d.defaultTarget,
          setBy: a ? { code: a.unitCode, name: a.unitName } : null,
        };
      }),
    otherInspections: others ? others.count : null,
  };
}
