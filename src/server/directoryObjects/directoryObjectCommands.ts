// 其他检查对象 use cases: create (the unit's own code or a system code), update (audited before and
// after), and 停用/启用 with a reason — each in one transaction with its audit row.
import type { Kysely } from 'kysely';
import { objectStatusLabel } from '../../core/directoryObjects/objectFields.ts';
import { parseSystemObjectCode } from '../../core/directoryObjects/objectCode.ts';
import type { DB } from '../../db/schema.ts';
import { authorOf, fieldChange, insertAudited, updateAudited } from '../audit/auditedRows.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import {
  SystemCodeAllocator,
  assertReferenceCodes,
  codeHolder,
  duplicateCodeError,
  lockObjectCodes,
  ownerUnit,
  type ObjectBody,
  type ObjectRow,
} from './objectRecord.ts';
import { loadObjectFor } from './policy.ts';

const auditOf = (
  r: Pick<
    ObjectRow,
    'unit_code' | 'object_kind' | 'object_code' | 'name' | 'description' | 'uscc' | 'region_code' | 'industry_code' | 'tags'
  >,
) => ({
  unitCode: r.unit_code,
  kind: r.object_kind,
  code: r.object_code,
  name: r.name,
  description: r.description,
  uscc: r.uscc,
  regionCode: r.region_code.trim(),
  industryCode: r.industry_code,
  tags: r.tags,
});

/** The columns a create or an update form sets. */
function objectValues(input: ObjectBody, unitCode: string, code: string, regionCode: string) {
  return {
    unit_code: unitCode,
    object_kind: input.kind,
    object_code: code,
    name: input.name,
    description: input.description,
    uscc: input.uscc,
    region_code: regionCode,
    industry_code: input.industryCode,
    tags: input.tags,
  };
}

/** Registers an object; without a code the system allocates one. */
export async function createObject(db: Kysely<DB>, caller: Caller, input: ObjectBody) {
  return db.transaction().execute(async (trx) => {
    const unit = await ownerUnit(trx, caller.scope.unitCodes, input.unitCode ?? caller.scope.unitCode);
    await assertReferenceCodes(trx, input);
    const regionCode = input.regionCode ?? unit.region_code;
    await lockObjectCodes(trx, unit.code, input.kind);
    let code = input.code;
    if (code) {
      const holder = await codeHolder(trx, unit.code, input.kind, code);
      if (holder) throw duplicateCodeError(input.kind, code, holder.name);
    } else {
      code = await new SystemCodeAllocator(trx, Number(todayInChina().slice(0, 4))).next(unit.code, input.kind, regionCode);
    }
    const values = objectValues(input, unit.code, code, regionCode);
    const id = await insertAudited(trx, authorOf(caller), {
      table: 'directory_object',
      values,
      action: 'directory_object.create',
      after: auditOf(values),
    });
    return { id, code };
  });
}

/** Changes an object's fields; the audit row keeps only what changed. */
export async function updateObject(db: Kysely<DB>, caller: Caller, input: ObjectBody & { id: string }) {
  return db.transaction().execute(async (trx) => {
    const current = await loadObjectFor(trx, caller, input.id, 'act');
    const unit = await ownerUnit(trx, caller.scope.unitCodes, input.unitCode ?? current.unit_code);
    await assertReferenceCodes(trx, input);
    const regionCode = input.regionCode ?? (unit.code === current.unit_code ? current.region_code.trim() : unit.region_code);
    await lockObjectCodes(trx, unit.code, input.kind);
    // Without a new code the object keeps its own, unless it is a system code of another kind.
    let code = input.code ?? current.object_code;
    const system = parseSystemObjectCode(code);
    if (!input.code && system && system.kind !== input.kind) {
      code = await new SystemCodeAllocator(trx, Number(todayInChina().slice(0, 4))).next(unit.code, input.kind, regionCode);
    } else {
      const holder = await codeHolder(trx, unit.code, input.kind, code, current.id);
      if (holder) throw duplicateCodeError(input.kind, code, holder.name);
    }
    const next = objectValues(input, unit.code, code, regionCode);
    const change = fieldChange(auditOf(current), auditOf(next));
    if (change.changed.length > 0) {
      const set = { ...next, updated_at: new Date() };
      await updateAudited(trx, authorOf(caller), {
        table: 'directory_object',
        row: current,
        set,
        action: 'directory_object.update',
        change,
      });
    }
    return { id: current.id, code, changed: change.changed };
  });
}

/** 停用 or 重新启用 an object (never deleted). */
export async function changeObjectStatus(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; status: 'active' | 'inactive'; reason: string },
) {
  const since = todayInChina();
  return db.transaction().execute(async (trx) => {
    const current = await loadObjectFor(trx, caller, input.id, 'act');
    if (current.status === input.status)
      throw new AppError('INVALID_STATE', `该检查对象当前已是「${objectStatusLabel[input.status]}」状态，无需变更。`);
    await updateAudited(trx, authorOf(caller), {
      table: 'directory_object',
      row: current,
      set: { status: input.status, status_since: since, updated_at: new Date() },
      action: 'directory_object.status',
      change: { before: { status: current.status, since: current.status_since }, after: { status: input.status, since } },
      note: input.reason,
    });
    return { id: current.id, status: input.status, statusSince: since };
  });
}
