// 检查方案 of a joint task (docs/operator-guide.md "部门联合"): the 发起部门 (the unit that draws
// it) saves it (a new version each time, so the departments' earlier agreements stop counting),
// each 配合部门 agrees to the current version, and the draw's commit asks `schemeRefusalFor`, in
// its transaction with the scheme locked. Each change
// is one transaction with its audit row in the acting unit's chain.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  agreedItemsOf,
  checkJointScheme,
  departmentsNotAgreed,
  schemeCommitRefusal,
  type JointSchemeAgreement,
  type JointSchemeDraft,
} from '../../core/jointSchemes/index.ts';
import { actorOf, recordAudit } from '../audit/recordAudit.ts';
import { nowOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import type { TaskInReach } from '../tasks/policy.ts';
import { departmentsOf, loadSchemeTaskFor, type SchemeTask } from './policy.ts';

type Db = Kysely<DB> | Transaction<DB>;

function schemeRow(db: Db, task: { planUnitCode: string; code: string }) {
  return db.selectFrom('joint_scheme').selectAll().where('unit_code', '=', task.planUnitCode).where('task_code', '=', task.code);
}

type SchemeRow = Awaited<ReturnType<ReturnType<typeof schemeRow>['executeTakeFirstOrThrow']>>;

function schemeView({ task, departments, initiatingName }: SchemeTask, row: SchemeRow | undefined, caller: Caller) {
  const pending = row ? departmentsNotAgreed(departments, row.agreements, row.version) : departments;
  const names = new Map(departments.map((d) => [d.code, d.name]));
  const canAgree = task.cooperatingUnits.includes(caller.scope.unitCode) && (caller.role === 'admin' || caller.role === 'planner');
  return {
    taskCode: task.code,
    taskName: task.name,
    period: task.period,
    departments,
    canDraft: task.reach.canDraw,
    initiatingUnitName: initiatingName,
    canAgree,
    /** The caller's department may agree and has not agreed to the current version yet. */
    awaitingCaller: canAgree && row !== undefined && pending.some((d) => d.code === caller.scope.unitCode),
    scheme: row
      ? {
          version: row.version,
          startOn: row.start_on,
          endOn: row.end_on,
          parts: row.parts.map((p) => ({ ...p, unitName: names.get(p.unitCode) ?? p.unitCode })),
          agreements: row.agreements
            .filter((a) => a.version === row.version)
            .map((a) => ({ ...a, unitName: names.get(a.unitCode) ?? a.unitCode })),
          updatedByName: row.updated_by_name,
          updatedAt: row.updated_at.toISOString(),
        }
      : null,
    pendingDepartments: pending.map((d) => d.name),
    readyToDraw: row !== undefined && pending.length === 0,
  };
}

export type JointSchemeView = ReturnType<typeof schemeView>;

/** The scheme of a joint task, as any unit that reaches the task reads it (null while none is drafted). */
export async function readJointScheme(db: Kysely<DB>, caller: Caller, input: { code: string }): Promise<JointSchemeView> {
  const loaded = await loadSchemeTaskFor(db, caller, input.code, 'read');
  return schemeView(loaded, await schemeRow(db, loaded.task).executeTakeFirst(), caller);
}

/**
 * Writes the scheme (first draft or an edit). An edit raises the version, so every department has
 * to agree again; nothing is written when the draft breaks a rule (all its problems are named).
 */
export async function saveJointScheme(
  db: Kysely<DB>,
  caller: Caller,
  input: { code: string } & JointSchemeDraft,
): Promise<JointSchemeView> {
  const loaded = await loadSchemeTaskFor(db, caller, input.code, 'draft');
  const { task, departments } = loaded;
  const draft: JointSchemeDraft = {
    startOn: input.startOn,
    endOn: input.endOn,
    parts: input.parts.map((p) => ({
      unitCode: p.unitCode,
      items: p.items.map((i) => i.trim()).filter((i) => i !== ''),
      contactName: p.contactName.trim(),
      contactPhone: p.contactPhone.trim(),
    })),
  };
  const problems = checkJointScheme(draft, { departments, period: task.period });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', `检查方案未保存：${problems.join('')}`, { problems });
  const at = nowOf(caller);
  const row = await db.transaction().execute(async (trx) => {
    const before = await schemeRow(trx, task).forUpdate().executeTakeFirst();
    const values = {
      start_on: draft.startOn,
      end_on: draft.endOn,
      parts: JSON.stringify(draft.parts),
      agreements: '[]',
      drafted_by_unit: caller.scope.unitCode,
      updated_by_name: caller.displayName,
      updated_at: at,
    };
    if (before) {
      await trx
        .updateTable('joint_scheme')
        .set({ ...values, version: before.version + 1 })
        .where('unit_code', '=', task.planUnitCode)
        .where('task_code', '=', task.code)
        .execute();
    } else {
      await trx
        .insertInto('joint_scheme')
        .values({ ...values, unit_code: task.planUnitCode, task_code: task.code, plan_id: task.planId, version: 1 })
        .execute();
    }
    const after = await schemeRow(trx, task).executeTakeFirstOrThrow();
    await recordAudit(trx, {
      unitCode: caller.scope.unitCode,
      ...actorOf(caller),
      action: before ? 'jointScheme.edit' : 'jointScheme.draft',
      objectType: 'joint_scheme',
      objectId: task.code,
      before: before
        ? { version: before.version, startOn: before.start_on, endOn: before.end_on, parts: before.parts, agreements: before.agreements }
        : undefined,
      after: { version: after.version, startOn: after.start_on, endOn: after.end_on, parts: after.parts },
      note:
        before && before.agreements.some((a) => a.version === before.version) ? '方案已修改，各部门此前的确认失效，须重新确认' : undefined,
      at,
    });
    return after;
  });
  return schemeView(loaded, row, caller);
}

/** The caller's department agrees to the scheme's current version (the one it has read). */
export async function agreeJointScheme(db: Kysely<DB>, caller: Caller, input: { code: string; version: number }): Promise<JointSchemeView> {
  const loaded = await loadSchemeTaskFor(db, caller, input.code, 'agree');
  const { task } = loaded;
  const at = nowOf(caller);
  const row = await db.transaction().execute(async (trx) => {
    const before = await schemeRow(trx, task).forUpdate().executeTakeFirst();
    if (!before) throw new AppError('INVALID_STATE', '本任务尚未制定检查方案：请待发起部门制定后再确认。');
    if (before.version !== input.version) {
      throw new AppError('INVALID_STATE', `检查方案已被修改（当前为第 ${before.version} 版）：请刷新页面，阅读修改后的方案再确认。`);
    }
    const unit = caller.scope.unitCode;
    if (before.agreements.some((a) => a.unitCode === unit && a.version === before.version)) return before;
    const agreement: JointSchemeAgreement = { unitCode: unit, version: before.version, byName: caller.displayName, at: at.toISOString() };
    const agreements = [...before.agreements.filter((a) => a.version === before.version), agreement];
    await trx
      .updateTable('joint_scheme')
      .set({ agreements: JSON.stringify(agreements) })
      .where('unit_code', '=', task.planUnitCode)
      .where('task_code', '=', task.code)
      .execute();
    await recordAudit(trx, {
      unitCode: unit,
      ...actorOf(caller),
      action: 'jointScheme.agree',
      objectType: 'joint_scheme',
      objectId: task.code,
      after: { version: before.version },
      at,
    });
    return schemeRow(trx, task).executeTakeFirstOrThrow();
  });
  return schemeView(loaded, row, caller);
}

/**
 * Why the draw of this task may not be committed yet, in Chinese, naming the 配合部门 that have
 * not agreed; null for a task that is not joint or whose scheme all have agreed to. With `lock`
 * (inside the commit's transaction) the scheme row is locked, so no edit or agreement lands between
 * the check and the commit.
 */
export async function schemeRefusalFor(
  db: Db,
  task: Pick<TaskInReach, 'planUnitCode' | 'code' | 'cooperatingUnits'>,
  options: { lock?: boolean } = {},
): Promise<string | null> {
  if (task.cooperatingUnits.length === 0) return null;
  const query = schemeRow(db, task);
  const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst();
  return schemeCommitRefusal(await departmentsOf(db, task.cooperatingUnits), row ?? null);
}

/**
 * The 检查事项 a 配合部门 checks on a visit of the joint task: its part of the scheme it agreed to
 * (the current version); null without one. The caller has already reached the visit.
 */
export async function schemeItemsFor(db: Db, task: { planUnitCode: string; code: string }, unitCode: string): Promise<string[] | null> {
  return agreedItemsOf((await schemeRow(db, task).executeTakeFirst()) ?? null, unitCode);
}
