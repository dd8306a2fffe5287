// 考核目标 and 填报数 (docs/indicators.md): a unit sets its own target for an indicator (applying to
// itself and every unit below it that sets none), or clears it back to the default; and reports
// its other routine inspections of a year (抽查户次占比). One transaction each, with its audit row.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { hasFixedTarget, indicatorDefinition, type IndicatorKey } from '../../core/indicators/index.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { nowOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { loadIndicatorUnitFor } from './policy.ts';
import { keyedRow } from '../../db/keyedRow.ts';

export async function setIndicatorTarget(
  db: Kysely<DB>,
  caller: Caller,
  input: { unitCode: string; key: IndicatorKey; target: number | null },
): Promise<{ unitCode: string; key: IndicatorKey; target: number | null }> {
  const def = indicatorDefinition(input.key);
  if (!hasFixedTarget(def)) {
    throw new AppError('VALIDATION_FAILED', `「${def.name}」不设固定目标（按逐年变化考核），无需设置目标值。`, null);
  }
  return db.transaction().execute(async (trx) => {
    const unit = await loadIndicatorUnitFor(trx, caller, input.unitCode, 'act');
    const before = await keyedRow(trx, 'indicator_target', { unit_code: unit.code, indicator: input.key }, ['target']);
    if (input.target === null) {
      await trx.deleteFrom('indicator_target').where('unit_code', '=', unit.code).where('indicator', '=', input.key).execute();
    } else {
      await trx
        .insertInto('indicator_target')
        .values({
          unit_code: unit.code,
          indicator: input.key,
          target: input.target,
          set_by_name: caller.displayName,
          updated_at: nowOf(caller),
        })
        .onConflict((oc) =>
          oc
            .columns(['unit_code', 'indicator'])
            .doUpdateSet({ target: input.target!, set_by_name: caller.displayName, updated_at: nowOf(caller) }),
        )
        .execute();
    }
    await recordAudit(trx, {
      unitCode: unit.code,
      actorUserId: caller.userId,
      actorName: caller.displayName,
      action: 'indicator.target',
      objectType: 'indicator_target',
      objectId: `${unit.code}:${input.key}`,
      before: before ? { target: Number(before.target) } : null,
      after: input.target === null ? null : { target: input.target },
    });
    return { unitCode: unit.code, key: input.key, target: input.target };
  });
}

export async function setOtherInspections(
  db: Kysely<DB>,
  caller: Caller,
  input: { unitCode: string; year: number; count: number },
): Promise<{ unitCode: string; year: number; count: number }> {
  return db.transaction().execute(async (trx) => {
    const unit = await loadIndicatorUnitFor(trx, caller, input.unitCode, 'act');
    const before = await keyedRow(trx, 'indicator_other_inspections', { unit_code: unit.code, year: input.year }, ['count']);
    await trx
      .insertInto('indicator_other_inspections')
      .values({ unit_code: unit.code, year: input.year, count: input.count, set_by_name: caller.displayName, updated_at: nowOf(caller) })
      .onConflict((oc) =>
        oc.columns(['unit_code', 'year']).doUpdateSet({ count: input.count, set_by_name: caller.displayName, updated_at: nowOf(caller) }),
      )
      .execute();
    await recordAudit(trx, {
      unitCode: unit.code,
      actorUserId: caller.userId,
      actorName: caller.displayName,
      action: 'indicator.otherInspections',
      objectType: 'indicator_other_inspections',
      objectId: `${unit.code}:${input.year}`,
      before: before ? { count: before.count } : null,
      after: { count: input.count },
    });
    return { unitCode: unit.code, year: input.year, count: input.count };
  });
}
