// 年度工作总结 (docs/indicators.md): a unit's year in sentences and key figures, from the same
// indicator figures as the dashboard's cards plus the count of published plans and of draws done
// (the plan and draw row fragments the indicators count). Printed from the console and carried as
// a sheet of the 统计报表.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { annualSummary, type AnnualSummary } from '../../core/indicators/index.ts';
import { todayInChina } from '../clock.ts';
import type { Caller } from '../http/route.ts';
import { drawRows, groupMembers, planRows } from './indicatorRows.ts';
import { indicatorsForGroups, type IndicatorView } from './indicatorViews.ts';
import { loadIndicatorUnitFor, type IndicatorUnit } from './policy.ts';

type Db = Kysely<DB>;

/** The summary of a unit the caller reaches, given its figures of the year. */
export async function annualSummaryOf(db: Db, unit: IndicatorUnit, year: number, figures: IndicatorView[]): Promise<AnnualSummary> {
  const groups = await groupMembers(db, [unit]);
  const [plans, draws] = await Promise.all([
    sql<{ n: string }>`SELECT count(*) AS n FROM (${planRows(groups, year)}) p`.execute(db),
    sql<{ n: string }>`SELECT count(*) AS n FROM (${drawRows(groups, year)}) d`.execute(db),
  ]);
  return annualSummary({
    unitName: unit.name,
    year,
    figures,
    plans: Number(plans.rows[0]?.n ?? 0),
    draws: Number(draws.rows[0]?.n ?? 0),
  });
}

export async function unitAnnualSummary(db: Db, caller: Caller, input: { unitCode: string; year: number }) {
  const unit = await loadIndicatorUnitFor(db, caller, input.unitCode, 'read');
  const figures = (await indicatorsForGroups(db, [unit], input.year)).get(unit.code)!;
  const summary = await annualSummaryOf(db, unit, input.year, figures);
  return { unit: { code: unit.code, name: unit.name }, year: input.year, today: todayInChina(), ...summary, indicators: figures };
}
