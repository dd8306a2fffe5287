// 执法检查人员名录库 use cases: register, update (audited before and after), status change, and
// 回避声明 declared and ended — each in one transaction with its audit row.
import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { authorOf, fieldChange, insertAudited, updateAudited } from '../audit/auditedRows.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { certHolder, personFieldsOf, unitInScope, type inspectorFields, type InspectorRow } from './inspectorRecord.ts';
import type { RecusalInput } from './recusals.ts';
import { loadInspectorFor, loadRecusalFor } from './policy.ts';
import { keyedRowOrThrow } from '../../db/keyedRow.ts';
import { directoryUnitsOf } from './directoryUnits.ts';

type InspectorFields = z.infer<typeof inspectorFields>;

/** A 执法证号 identifies one person: refuse it when someone else already holds it. */
async function assertCertNoFree(trx: Transaction<DB>, certNo: string | null | undefined, exceptId?: string): Promise<void> {
  if (!certNo) return;
  const holder = await certHolder(trx, certNo, exceptId);
  if (holder) {
    throw new AppError('CONFLICT', `执法证号 ${certNo} 已登记在「${holder.unit_name}」${holder.name}名下，请核对证号。`, {
      field: 'certNo',
    });
  }
}

/** The inspector columns a create or an update form sets. */
function inspectorValues(body: z.infer<typeof inspectorFields>, unitCode: string, regionCode: string) {
  return {
    unit_code: unitCode,
    name: body.name,
    gender: body.gender ?? null,
    category: body.category,
    cert_no: body.certNo || null,
    cert_expires_on: body.certNo ? (body.certExpiresOn ?? null) : null,
    position: body.position || null,
    specialties: body.specialties,
    qualifications: body.qualifications,
    region_code: regionCode,
  };
}

/** Registers a person in the caller's units. */
export async function createInspectorRecord(db: Kysely<DB>, caller: Caller, input: InspectorFields) {
  return db.transaction().execute(async (trx) => {
    const unit = await unitInScope(trx, await directoryUnitsOf(trx, caller.scope), input.unitCode);
    await assertCertNoFree(trx, input.certNo);
    const values = inspectorValues(input, unit.code, input.regionCode ?? unit.region_code);
    return { id: await insertAudited(trx, authorOf(caller), { table: 'inspector', values, action: 'inspector.create' }) };
  });
}

/** Changes a person's fields; the audit row keeps only what changed. */
export async function updateInspectorRecord(db: Kysely<DB>, caller: Caller, input: InspectorFields & { id: string }) {
  return db.transaction().execute(async (trx) => {
    const current = await loadInspectorFor(trx, caller, input.id, 'act');
    const unit = await unitInScope(trx, await directoryUnitsOf(trx, caller.scope), input.unitCode);
    await assertCertNoFree(trx, input.certNo, current.id);
    const values = inspectorValues(input, unit.code, input.regionCode ?? current.region_code);
    const change = fieldChange(personFieldsOf(current), personFieldsOf({ ...current, ...values }));
    if (change.changed.length > 0) {
      const set = { ...values, updated_at: new Date() };
      await updateAudited(trx, authorOf(caller), { table: 'inspector', row: current, set, action: 'inspector.update', change });
    }
    return { id: current.id, changed: change.changed };
  });
}

/** 在岗/调离/退休 from a date not after today. */
export async function changeInspectorStatusOf(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; status: InspectorRow['status']; since: string; note?: string },
) {
  const today = todayInChina();
  if (input.since > today)
    throw new AppError('VALIDATION_FAILED', `状态日期（${input.since}）不能晚于今天（${today}）；请在实际调离/退休当天或之后登记。`, {
      field: 'since',
    });
  return db.transaction().execute(async (trx) => {
    const current = await loadInspectorFor(trx, caller, input.id, 'act');
    if (current.status === input.status) throw new AppError('INVALID_STATE', `该人员当前已是「${input.status}」状态，无需变更。`);
    await updateAudited(trx, authorOf(caller), {
      table: 'inspector',
      row: current,
      set: { status: input.status, status_since: input.since, updated_at: new Date() },
      action: 'inspector.status',
      change: { before: { status: current.status, since: current.status_since }, after: { status: input.status, since: input.since } },
      note: input.note,
    });
    const login = input.status === '在岗' ? null : await closeLeaverLogin(trx, caller, current, input.status);
    return { id: current.id, status: input.status, statusSince: input.since, loginClosed: login };
  });
}

/**
 * A person who has left (调离/退休) no longer inspects for this unit: the login linked to them loses
 * its 检查人员 role at the person's unit, and is disabled (sessions ended) when no other role is
 * left. The link itself stays, so the results and confirmations they made still name their login;
 * an administrator re-enables the account if the person comes back.
 */
async function closeLeaverLogin(trx: Transaction<DB>, caller: Caller, person: InspectorRow, status: InspectorRow['status']) {
  const link = await keyedRowOrThrow(trx, 'inspector', { unit_code: person.unit_code, id: person.id }, ['user_id']);
  const userId = link.user_id;
  if (userId === null) return null;
  const removed = await trx
    .deleteFrom('user_role')
    .where('user_id', '=', userId)
    .where('unit_code', '=', person.unit_code)
    .where('role', '=', 'inspector')
    .executeTakeFirst();
  const remaining = await trx.selectFrom('user_role').select('role').where('user_id', '=', userId).limit(1).executeTakeFirst();
  const user = await trx.selectFrom('app_user').select(['status']).where('id', '=', userId).executeTakeFirstOrThrow();
  const disable = remaining === undefined && user.status === 'active';
  if (disable) {
    await trx.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', userId).execute();
    await trx.deleteFrom('user_session').where('user_id', '=', userId).execute();
  }
  if (Number(removed.numDeletedRows) === 0 && !disable) return null;
  await recordAudit(trx, {
    unitCode: person.unit_code,
    ...actorOf(caller),
    action: 'user.inspector_left',
    objectType: 'user',
    objectId: userId,
    before: { status: user.status, inspectorRole: Number(removed.numDeletedRows) > 0 },
    after: { status: disable ? 'disabled' : user.status, inspectorRole: false },
    note: `执法检查人员${person.name}已${status}`,
  });
  return { disabled: disable };
}

/** Declares a 回避声明 for a person of the caller's units. */
export async function declareRecusal(db: Kysely<DB>, caller: Caller, input: RecusalInput & { id: string }) {
  const inspector = await loadInspectorFor(db, caller, input.id, 'read');
  if (input.relatedRegionCode) {
    const region = await db.selectFrom('ref_division').select('code').where('code', '=', input.relatedRegionCode).executeTakeFirst();
    if (!region)
      throw new AppError('VALIDATION_FAILED', `区划代码 ${input.relatedRegionCode} 不存在，请填写 6 位行政区划代码。`, {
        field: 'relatedRegionCode',
      });
  }
  if (input.relatedUnitCode) {
    const unit = await db.selectFrom('org_unit').select('code').where('code', '=', input.relatedUnitCode).executeTakeFirst();
    if (!unit)
      throw new AppError('VALIDATION_FAILED', `单位代码 ${input.relatedUnitCode} 不存在，请从单位列表中选择。`, {
        field: 'relatedUnitCode',
      });
  }
  return db.transaction().execute(async (trx) => {
    const values = {
      unit_code: inspector.unit_code,
      inspector_id: inspector.id,
      kind: input.kind,
      uscc: input.kind === 'own_grid' ? null : input.uscc!,
      related_name: input.relatedName || null,
      related_region_code: input.kind === 'own_grid' ? (input.relatedRegionCode ?? null) : null,
      related_unit_code: input.kind === 'own_grid' ? (input.relatedUnitCode ?? null) : null,
      reason: input.reason,
      declared_on: input.declaredOn,
      valid_until: input.validUntil ?? null,
      recorded_by_user_id: caller.userId,
      recorded_by_name: caller.displayName,
    };
    const after = { inspectorId: inspector.id, inspectorName: inspector.name, ...values };
    return {
      id: await insertAudited(trx, authorOf(caller), { table: 'inspector_recusal', values, action: 'inspector.recusal.create', after }),
    };
  });
}

/** Ends a 回避声明 (kept, never deleted). */
export async function endRecusalOf(db: Kysely<DB>, caller: Caller, input: { id: string; endedOn: string; endReason: string }) {
  return db.transaction().execute(async (trx) => {
    const row = await loadRecusalFor(trx, caller, input.id, 'act');
    if (row.ended_on) throw new AppError('INVALID_STATE', `该回避声明已于 ${row.ended_on} 结束，无需再次结束。`);
    if (input.endedOn < row.declared_on)
      throw new AppError('VALIDATION_FAILED', `结束日期（${input.endedOn}）不能早于声明日期（${row.declared_on}）。`, {
        field: 'endedOn',
      });
    await updateAudited(trx, authorOf(caller), {
      table: 'inspector_recusal',
      row,
      set: { ended_on: input.endedOn, end_reason: input.endReason, ended_by_name: caller.displayName },
      action: 'inspector.recusal.end',
      change: { before: { endedOn: null }, after: { endedOn: input.endedOn, endReason: input.endReason } },
    });
    return { id: row.id, endedOn: input.endedOn };
  });
}
