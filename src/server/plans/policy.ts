// Who may do what to a 年度抽查计划:
// - read: the plan's unit and the units above it (every version, drafts included, with live
//   counts of its 名录分库); the units below the plan's unit, which act on its tasks (市抽县查,
//   joint tasks naming a department), read its published versions only, without live counts
//   (those counts cover units that are not theirs).
// - act (edit the draft, publish, adjust, discard, file, delete): the plan's unit and the units
//   above it; the row is locked for the change.
// Anything else — a sibling county's plan, a made-up id — gets the one NOT_FOUND answer. A
// sibling reads published plans on the public portal, like anybody.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { outOfReach } from '../access/reach.ts';
import type { Caller } from '../http/route.ts';
import { loadPlan, type PlanRow } from './planStore.ts';

type Db = Kysely<DB> | Transaction<DB>;
export type PlanAccess = 'read' | 'act';

/** Who acts on a plan: a signed-in caller, or the demo loader with its own name and no user. */
export type PlanCaller = Pick<Caller, 'scope' | 'displayName' | 'now'> & { userId: string | null };

export interface PlanInReach {
  plan: PlanRow;
  /** The plan belongs to the caller's unit or a unit below it: drafts, live counts, changes. */
  own: boolean;
}

/** The units above the caller's (the path without the caller's own unit). */
export function unitsAbove(caller: Pick<Caller, 'scope'>): string[] {
  return caller.scope.path.split('.').filter((c) => c !== caller.scope.unitCode);
}

/** The plan as the caller may read it or change it (locked); NOT_FOUND (no names) for anything else. */
export async function loadPlanFor(db: Db, caller: PlanCaller, id: string, access: PlanAccess): Promise<PlanInReach> {
  if (access === 'act') {
    const locked = await db
      .selectFrom('plan')
      .select('unit_code')
      .where('id', '=', id)
      .where('unit_code', 'in', caller.scope.unitCodes)
      .forUpdate()
      .executeTakeFirst();
    const plan = locked ? await loadPlan(db, id) : null;
    if (!plan) throw outOfReach('年度抽查计划');
    return { plan, own: true };
  }
  const above = unitsAbove(caller);
  const plan = await loadPlan(db, id);
  if (plan && caller.scope.unitCodes.includes(plan.unitCode)) return { plan, own: true };
  if (plan && above.includes(plan.unitCode) && plan.state.publishedVersion !== null) return { plan, own: false };
  throw outOfReach('年度抽查计划');
}

/**
 * The unit a new plan (or a table parsed or imported for one) belongs to: the caller's, or a
 * unit below it. Any other unit — a sibling's, or a code naming none — gets the one NOT_FOUND.
 */
export async function loadPlanUnitFor(db: Kysely<DB>, caller: PlanCaller, unitCode: string | undefined) {
  const code = unitCode ?? caller.scope.unitCode;
  if (!caller.scope.unitCodes.includes(code)) throw outOfReach('单位');
  return db.selectFrom('org_unit').select(['code', 'name']).where('code', '=', code).executeTakeFirstOrThrow();
}
