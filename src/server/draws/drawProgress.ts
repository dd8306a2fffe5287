// How far a drawn draw has come: whether it has a result at all, which of its visits have
// inspection results, and whether its sample may now be made public.
import { type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DrawResult } from '../../db/tables/draws.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { DrawRow } from './policy.ts';

export function requireDrawn(draw: DrawRow): DrawResult {
  if (draw.status !== 'drawn' || !draw.result) {
    throw new AppError(
      'INVALID_STATE',
      `抽取记录 ${draw.draw_code} 当前为“${draw.status === 'committed' ? '已承诺、待摇号' : '已作废'}”，没有抽取结果。`,
      { status: draw.status },
    );
  }
  return draw.result;
}

/**
 * Locks the draw's visit rows and counts the results entered on them (any status). Once one
 * exists, the draw's record is what the result was entered against: it is no longer voided,
 * re-matched, or changed on that visit.
 */
export async function resultsOnVisits(trx: Transaction<DB>, draw: DrawRow, objectIds?: readonly string[]) {
  await trx
    .selectFrom('visit')
    .select('object_id')
    .where('draw_unit_code', '=', draw.unit_code)
    .where('draw_id', '=', draw.id)
    .$if(objectIds !== undefined, (q) => q.where('object_id', 'in', objectIds!.length > 0 ? objectIds! : ['']))
    .forUpdate()
    .execute();
  const rows = await trx
    .selectFrom('visit_result')
    .select(['uscc', 'entity_name'])
    .where('draw_unit_code', '=', draw.unit_code)
    .where('draw_id', '=', draw.id)
    .$if(objectIds !== undefined, (q) => q.where('uscc', 'in', objectIds!.length > 0 ? objectIds! : ['']))
    .execute();
  return rows;
}

/**
 * Whether the sample may be made public (docs/draw-spec.md §9: unannounced visits stay
 * unannounced): every visit that is to be inspected (not replaced by a reserve) has a result
 * submitted — in review, returned for correction or published, not a draft that may have been
 * started before the visit — or the task period has ended.
 */
export async function publicationReadiness(db: Kysely<DB> | Transaction<DB>, draw: DrawRow, today = todayInChina()) {
  const visitRows = await db
    .selectFrom('visit')
    .select(['object_id', 'period_end'])
    .where('draw_unit_code', '=', draw.unit_code)
    .where('draw_id', '=', draw.id)
    .where('replaced_by', 'is', null)
    .execute();
  // The submitted results, read apart from the visits (they are kept by the inspecting unit).
  const submitted = new Set(
    (
      await db
        .selectFrom('visit_result')
        .select('uscc')
        .where('draw_unit_code', '=', draw.unit_code)
        .where('draw_id', '=', draw.id)
        .where('status', '<>', 'draft')
        .execute()
    ).map((r) => r.uscc),
  );
  const row = {
    visits: visitRows.length,
    done: visitRows.filter((v) => submitted.has(v.object_id)).length,
    period_end: visitRows.reduce<string | null>(
      (max, v) => (v.period_end !== null && (max === null || v.period_end > max) ? v.period_end : max),
      null,
    ),
  };
  const visits = Number(row.visits);
  const done = Number(row.done);
  const periodEnd = row.period_end;
  const periodEnded = periodEnd !== null && periodEnd < today;
  return { visits, done, periodEnd, periodEnded, ready: periodEnded || (visits > 0 && done === visits) };
}
