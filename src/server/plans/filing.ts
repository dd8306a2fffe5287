// 备案 (filing) for an upper unit: the deadline it sets for a year, and the board of its
// subordinate bureaus showing whether each published and filed its plan, and when. Everything
// read is the caller's units' (its scope) and the deadlines of the units above it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import type { UnitScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';
import { todayInChina } from '../clock.ts';
import { filingStatusLabel, type FilingStatus } from '../../core/glossary.ts';

/**
 * The filing deadlines of a year that bear on the scope's unit: its own, and the one that applies
 * to it — the nearest unit's on its path (its own first, then the units above it upwards).
 */
export async function filingDeadlines(db: Kysely<DB>, scope: UnitScope, year: number) {
  const path = scope.path.split('.');
  const deadlines = await db
    .selectFrom('plan_filing_deadline')
    .select(['unit_code', 'due_on'])
    .where('year', '=', year)
    .where('unit_code', 'in', path)
    .execute();
  const own = deadlines.find((d) => d.unit_code === scope.unitCode) ?? null;
  const inherited =
    [...path]
      .reverse()
      .map((code) => deadlines.find((d) => d.unit_code === code))
      .find((d) => d !== undefined) ?? null;
  return { own, inherited };
}

/** The bureaus that file their plans with the scope's unit: the city and county units below it, by path. */
export function subordinateBureaus(db: Kysely<DB>, scope: UnitScope) {
  return db
    .selectFrom('org_unit as u')
    .where('u.code', 'in', scope.unitCodes)
    .where('u.code', '<>', scope.unitCode)
    .where('u.kind', 'in', ['city', 'county'])
    .orderBy('u.path');
}

/** The board of the caller's subordinate bureaus for a year, with the deadline that applies. */
export async function filingBoard(db: Kysely<DB>, caller: Caller, input: { year: number }) {
  const { own, inherited } = await filingDeadlines(db, caller.scope, input.year);
  const subordinates = await subordinateBureaus(db, caller.scope).select(['u.code', 'u.name', 'u.kind', 'u.path']).execute();
  const codes = subordinates.map((u) => u.code);
  const plans =
    codes.length > 0
      ? await db
          .selectFrom('plan as p')
          .leftJoin('plan_version as v', (j) =>
            j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.published_version'),
          )
          .select([
            'p.id',
            'p.unit_code',
            'p.kind',
            'p.status',
            'p.published_version',
            'p.filed_version',
            'p.filed_at',
            'p.filed_by_name',
            'v.title',
            'v.published_at',
          ])
          .where('p.year', '=', input.year)
          .where('p.unit_code', 'in', codes)
          .execute()
      : [];
  const today = todayInChina();
  const dueOn = inherited?.due_on ?? null;
  const rows = subordinates.map((unit) => {
    const unitPlans = plans.filter((p) => p.unit_code === unit.code);
    const main =
      unitPlans.find((p) => p.kind === 'own' && p.published_version !== null) ??
      unitPlans.find((p) => p.published_version !== null) ??
      unitPlans[0] ??
      null;
    const filedOn = main?.filed_at ? todayInChina(main.filed_at) : null;
    let status: FilingStatus;
    if (!main) status = 'noPlan';
    else if (main.filed_version !== null && main.filed_version === main.published_version)
      status = dueOn !== null && filedOn !== null && filedOn > dueOn ? 'filedLate' : 'filedOnTime';
    else if (main.filed_version !== null) status = 'adjustedNotFiled';
    else status = dueOn !== null && today > dueOn ? 'notFiledOverdue' : 'notFiled';
    return {
      unitCode: unit.code,
      unitName: unit.name,
      unitKind: unit.kind,
      planId: main?.id ?? null,
      planTitle: main?.title ?? null,
      planStatus: main?.status ?? null,
      publishedVersion: main?.published_version ?? null,
      publishedAt: main?.published_at ?? null,
      filedVersion: main?.filed_version ?? null,
      filedAt: main?.filed_at ?? null,
      filedOn,
      filedByName: main?.filed_by_name ?? null,
      planCount: unitPlans.length,
      status,
      statusText: filingStatusLabel[status],
    };
  });
  return {
    year: input.year,
    dueOn,
    dueSetBy: inherited?.unit_code ?? null,
    ownDeadline: own?.due_on ?? null,
    today,
    rows,
    counts: Object.fromEntries(
      (Object.keys(filingStatusLabel) as FilingStatus[]).map((s) => [s, rows.filter((r) => r.status === s).length]),
    ) as Record<FilingStatus, number>,
  };
}

/** Sets the caller's unit's filing deadline for a year (its subordinates file by then). */
export async function setFilingDeadline(db: Kysely<DB>, caller: Caller, input: { year: number; dueOn: string }) {
  const who = caller;
  return db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('plan_filing_deadline')
      .select('due_on')
      .where('unit_code', '=', who.scope.unitCode)
      .where('year', '=', input.year)
      .executeTakeFirst();
    await trx
      .insertInto('plan_filing_deadline')
      .values({ unit_code: who.scope.unitCode, year: input.year, due_on: input.dueOn, set_by_name: who.displayName })
      .onConflict((oc) =>
        oc.columns(['unit_code', 'year']).doUpdateSet({ due_on: input.dueOn, set_by_name: who.displayName, updated_at: new Date() }),
      )
      .execute();
    await recordAudit(trx, {
      unitCode: who.scope.unitCode,
      actorUserId: who.userId,
      actorName: who.displayName,
      action: 'plan.filingDeadline',
      objectType: 'plan_filing_deadline',
      objectId: `${who.scope.unitCode}/${input.year}`,
      ...(before ? { before: { dueOn: before.due_on } } : {}),
      after: { dueOn: input.dueOn },
    });
    return { year: input.year, dueOn: input.dueOn };
  });
}
