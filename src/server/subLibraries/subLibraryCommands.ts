// 名录分库 use cases: create, change and delete a sub-library, link a check item to it and unlink
// it (事项 → 对象) — each in one transaction with its audit row.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeRule, type SubLibraryRuleInput } from '../../core/subLibraries/rule.ts';
import { actorOf, recordAudit, type AuditEntry } from '../audit/recordAudit.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { assertRuleWithinReach, loadSubLibraryFor, visibleOwnerCodes, type StoredSubLibrary } from './policy.ts';
import type { ItemRef } from './subLibraryViews.ts';

type Change = Pick<AuditEntry, 'action' | 'before' | 'after'>;

/** The audit row of a change to a sub-library, in the acting unit's chain. */
function audit(trx: Transaction<DB>, caller: Caller, id: string, change: Change) {
  return recordAudit(trx, { unitCode: caller.scope.unitCode, ...actorOf(caller), objectType: 'sub_library', objectId: id, ...change });
}

const nameTaken = (name: string) =>
  new AppError('CONFLICT', `本单位已有名为“${name}”的名录分库，请换一个名称，或编辑已有的分库。`, { name });

async function assertNameFree(trx: Transaction<DB>, unitCode: string, name: string, exceptId?: string) {
  let query = trx.selectFrom('sub_library').select('id').where('unit_code', '=', unitCode).where('name', '=', name);
  if (exceptId) query = query.where('id', '<>', exceptId);
  if (await query.executeTakeFirst()) throw nameTaken(name);
}

/**
 * Two requests with the same new name can both pass assertNameFree before either commits; the
 * table's unique (unit, name) key then refuses the second, which is answered like the first check.
 */
async function nameConflictAsConflict<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') throw nameTaken(name);
    throw error;
  }
}

export interface SubLibraryFields {
  name: string;
  description: string;
  rule: SubLibraryRuleInput;
}

/** A new sub-library of the caller's unit. */
export async function createSubLibrary(db: Kysely<DB>, caller: Caller, input: SubLibraryFields) {
  const rule = normalizeRule(input.rule);
  assertRuleWithinReach(rule, caller);
  const unitCode = caller.scope.unitCode;
  return nameConflictAsConflict(input.name, () =>
    db.transaction().execute(async (trx) => {
      await assertNameFree(trx, unitCode, input.name);
      const row = await trx
        .insertInto('sub_library')
        .values({
          unit_code: unitCode,
          name: input.name,
          description: input.description,
          rule: JSON.stringify(rule),
          created_by_name: caller.displayName,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const saved = { name: input.name, description: input.description, rule };
      await audit(trx, caller, row.id, { action: 'sub_library.create', after: saved });
      return { id: row.id, unitCode, ...saved };
    }),
  );
}

/** Changes the name, the description or the rule; only the defining unit and the units above it may. */
export async function updateSubLibrary(db: Kysely<DB>, caller: Caller, input: Partial<SubLibraryFields> & { id: string }) {
  return nameConflictAsConflict(input.name ?? '', () =>
    db.transaction().execute(async (trx) => {
      const lib = await loadSubLibraryFor(trx, caller, input.id, 'edit');
      const next = {
        name: input.name ?? lib.name,
        description: input.description ?? lib.description,
        rule: input.rule ? normalizeRule(input.rule) : lib.rule,
      };
      assertRuleWithinReach(next.rule, caller);
      if (next.name !== lib.name) await assertNameFree(trx, lib.unitCode, next.name, lib.id);
      await trx
        .updateTable('sub_library')
        .set({ name: next.name, description: next.description, rule: JSON.stringify(next.rule), updated_at: new Date() })
        .where('unit_code', '=', lib.unitCode)
        .where('id', '=', lib.id)
        .execute();
      const before = { name: lib.name, description: lib.description, rule: lib.rule };
      await audit(trx, caller, lib.id, { action: 'sub_library.update', before, after: next });
      return { id: lib.id, unitCode: lib.unitCode, ...next };
    }),
  );
}

/** Deletes a sub-library and its 事项 → 对象 links. */
export async function deleteSubLibrary(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  return db.transaction().execute(async (trx) => {
    const lib = await loadSubLibraryFor(trx, caller, input.id, 'edit');
    const links = await trx
      .deleteFrom('check_item_sub_library')
      .where('sub_library_id', '=', lib.id)
      .returning(['issuing_unit_code', 'item_code'])
      .execute();
    await trx.deleteFrom('sub_library').where('unit_code', '=', lib.unitCode).where('id', '=', lib.id).execute();
    await audit(trx, caller, lib.id, {
      action: 'sub_library.delete',
      before: {
        name: lib.name,
        description: lib.description,
        rule: lib.rule,
        links: links.map((l) => `${l.issuing_unit_code}/${l.item_code}`),
      },
    });
    return { id: lib.id, deleted: true as const, linksRemoved: links.length };
  });
}

/** A change of the caller's unit's links to a sub-library it may use: one transaction, the sub-library locked. */
function changeLink<T>(
  db: Kysely<DB>,
  caller: Caller,
  input: ItemRef & { id: string },
  work: (trx: Transaction<DB>, lib: StoredSubLibrary, item: ItemRef) => Promise<T>,
): Promise<T> {
  const item: ItemRef = { issuingUnitCode: input.issuingUnitCode, itemCode: input.itemCode };
  return db.transaction().execute(async (trx) => work(trx, await loadSubLibraryFor(trx, caller, input.id, 'link'), item));
}

/** Links a check item (of a list issued by the caller's unit or a unit above) to a sub-library it may use. */
export async function linkItem(db: Kysely<DB>, caller: Caller, input: ItemRef & { id: string }) {
  return changeLink(db, caller, input, async (trx, lib, item) => {
    const found = await trx
      .selectFrom('check_item as ci')
      .innerJoin('check_item_version as v', 'v.id', 'ci.version_id')
      .select(['ci.name'])
      .where('v.issuing_unit_code', '=', item.issuingUnitCode)
      .where('v.issuing_unit_code', 'in', visibleOwnerCodes(caller.scope))
      .where('ci.item_code', '=', item.itemCode)
      .orderBy('v.version_no', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `单位 ${item.issuingUnitCode} 发布的抽查事项清单中没有事项编码 ${item.itemCode}（或该清单不属于本单位及上级单位）。请在“随机抽查事项清单”中核对事项编码。`,
        item,
      );
    }
    const inserted = await trx
      .insertInto('check_item_sub_library')
      .values({
        unit_code: caller.scope.unitCode,
        issuing_unit_code: item.issuingUnitCode,
        item_code: item.itemCode,
        sub_library_id: lib.id,
        created_by_name: caller.displayName,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('item_code')
      .execute();
    if (inserted.length === 0) {
      throw new AppError('CONFLICT', `事项“${found.name}”（${item.itemCode}）已对应名录分库“${lib.name}”，无需重复添加。`, item);
    }
    await audit(trx, caller, lib.id, {
      action: 'sub_library.link_item',
      after: { ...item, itemName: found.name, subLibraryName: lib.name },
    });
    return { subLibraryId: lib.id, ...item, itemName: found.name, linked: true };
  });
}

/** Removes the caller's unit's link between a check item and a sub-library. */
export async function unlinkItem(db: Kysely<DB>, caller: Caller, input: ItemRef & { id: string }) {
  return changeLink(db, caller, input, async (trx, lib, item) => {
    const removed = await trx
      .deleteFrom('check_item_sub_library')
      .where('unit_code', '=', caller.scope.unitCode)
      .where('issuing_unit_code', '=', item.issuingUnitCode)
      .where('item_code', '=', item.itemCode)
      .where('sub_library_id', '=', lib.id)
      .returning('item_code')
      .execute();
    if (removed.length === 0) {
      throw new AppError(
        'NOT_FOUND',
        `本单位没有把事项 ${item.itemCode}（${item.issuingUnitCode} 发布）对应到名录分库“${lib.name}”，无需取消。`,
        item,
      );
    }
    await audit(trx, caller, lib.id, { action: 'sub_library.unlink_item', before: { ...item, subLibraryName: lib.name } });
    return { subLibraryId: lib.id, ...item, linked: false };
  });
}
