// 检查对象名录库 — 市场主体 use cases: 个性化标注 (tags) and the manual correction of the risk
// class, each with a reason, in one transaction with the entity's change history and the audit row.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { recordEntityChanges } from '../imports/entityHistory.ts';
import { loadEntityFor, type EntityRow } from './policy.ts';

/** Writes the change of one entity, its history row and its audit row (inside the caller's transaction). */
async function changeEntity(
  trx: Kysely<DB>,
  caller: Caller,
  entity: EntityRow,
  change: {
    set: Partial<Pick<EntityRow, 'tags' | 'risk_class' | 'risk_class_since'>>;
    history: Record<string, [unknown, unknown]>;
    action: string;
    before: unknown;
    after: unknown;
    reason: string;
  },
): Promise<void> {
  await trx
    .updateTable('market_entity')
    .set({ ...change.set, updated_at: new Date() })
    .where('region_code', '=', entity.region_code)
    .where('uscc', '=', entity.uscc)
    .execute();
  await recordEntityChanges(trx, [
    {
      regionCode: entity.region_code,
      uscc: entity.uscc,
      source: 'manual',
      actorName: caller.displayName,
      changes: { ...change.history, reason: [null, change.reason] },
    },
  ]);
  await recordAudit(trx, {
    unitCode: caller.scope.unitCode,
    ...actorOf(caller),
    action: change.action,
    objectType: 'market_entity',
    objectId: `${entity.region_code}:${entity.uscc}`,
    before: change.before,
    after: change.after,
    note: change.reason,
  });
}

/** 个性化标注: replaces the entity's tags (a change is required). */
export async function updateEntityTagsOf(db: Kysely<DB>, caller: Caller, input: { uscc: string; tags: string[]; reason: string }) {
  return db.transaction().execute(async (trx) => {
    const entity = await loadEntityFor(trx, caller, input.uscc, 'act');
    const tags = [...new Set(input.tags)];
    const before = entity.tags;
    const added = tags.filter((t) => !before.includes(t));
    const removed = before.filter((t) => !tags.includes(t));
    if (added.length === 0 && removed.length === 0) {
      throw new AppError('INVALID_STATE', `市场主体“${entity.name}”的标签没有变化，无需保存。`, { uscc: entity.uscc });
    }
    await changeEntity(trx, caller, entity, {
      set: { tags },
      history: { tags: [before, tags] },
      action: 'entity.tags',
      before: { tags: before },
      after: { tags },
      reason: input.reason,
    });
    return { uscc: entity.uscc, tags, added, removed };
  });
}

/** Corrects the entity's risk class by hand, effective from a day (today by default). */
export async function correctEntityRiskClassOf(
  db: Kysely<DB>,
  caller: Caller,
  input: { uscc: string; riskClass: 'A' | 'B' | 'C' | 'D'; effectiveOn?: string; reason: string },
) {
  return db.transaction().execute(async (trx) => {
    const entity = await loadEntityFor(trx, caller, input.uscc, 'act');
    if (entity.risk_class === input.riskClass) {
      throw new AppError('INVALID_STATE', `市场主体“${entity.name}”的风险分类已经是 ${input.riskClass} 类，无需校正。`, {
        uscc: entity.uscc,
      });
    }
    const since = input.effectiveOn ?? todayInChina();
    await changeEntity(trx, caller, entity, {
      set: { risk_class: input.riskClass, risk_class_since: since },
      history: { risk_class: [entity.risk_class, input.riskClass], risk_class_since: [entity.risk_class_since, since] },
      action: 'entity.risk_class',
      before: { riskClass: entity.risk_class, riskClassSince: entity.risk_class_since },
      after: { riskClass: input.riskClass, riskClassSince: since },
      reason: input.reason,
    });
    return { uscc: entity.uscc, riskClass: input.riskClass, riskClassSince: since };
  });
}
