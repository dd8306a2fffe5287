// A joint task's 检查方案 drafted by its 发起部门 and agreed by each 配合部门, so that its draw may
// be committed (tests that are about the draw, not the scheme).
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApiClient } from './apiClient.ts';

/** The demo's member department 原平市住房和城乡建设管理局. */
export const DEMO_DEPARTMENT = '140981-zj';

/** 原平's joint 房地产 task that has a 名录分库 (住建局 发起, the bureau 配合): its code and the departments it names. */
export async function demoJointTask(db: Kysely<DB>): Promise<{ code: string; departments: string[] }> {
  const row = await db
    .selectFrom('plan_task as t')
    .innerJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 't.unit_code').onRef('p.id', '=', 't.plan_id'))
    .select(['t.task_code', 't.participant_unit_codes'])
    .where('p.kind', '=', 'joint')
    .where('t.unit_code', '=', '140981')
    .where('t.name', 'like', '%房地产%')
    .where('t.sub_library_id', 'is not', null)
    .executeTakeFirstOrThrow();
  return { code: row.task_code, departments: row.participant_unit_codes };
}

/**
 * Gives yp.zj (staff of 住建局 in the demo) the department's planner role (计划管理员: keeps its
 * 执法检查人员名录库, drafts the 检查方案, draws); `client` then switches to it.
 */
export async function actAsDepartmentPlanner(db: Kysely<DB>, client: ApiClient): Promise<number> {
  const user = await db.selectFrom('app_user').select('id').where('username', '=', 'yp.zj').executeTakeFirstOrThrow();
  await db
    .insertInto('user_role')
    .values({ user_id: user.id, unit_code: DEMO_DEPARTMENT, role: 'planner' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return (await client.post('/api/auth/switch', { unitCode: DEMO_DEPARTMENT, role: 'planner' })).status;
}

/**
 * `planner` (of the 发起部门) saves a scheme over the task's 抽查时段; `department` (a 配合部门's
 * admin or planner, already switched to it) agrees to it. Throws on any refusal.
 */
export async function agreedJointScheme(planner: ApiClient, department: ApiClient, task: string): Promise<void> {
  const read = await planner.get(`/api/tasks/${task}/joint-scheme`);
  if (read.status !== 200) throw new Error(`joint scheme: ${JSON.stringify(read.body)}`);
  const { period, departments } = read.body as { period: { start: string; end: string }; departments: { code: string }[] };
  const saved = await planner.request('PUT', `/api/tasks/${task}/joint-scheme`, {
    startOn: period.start,
    endOn: period.end,
    parts: departments.map((d) => ({ unitCode: d.code, items: ['联合检查事项'], contactName: '联系人', contactPhone: '03503022110' })),
  });
  if (saved.status !== 200) throw new Error(`joint scheme: ${JSON.stringify(saved.body)}`);
  const agreed = await department.post(`/api/tasks/${task}/joint-scheme/agreement`, { version: saved.body.scheme.version });
  if (agreed.status !== 200) throw new Error(`joint scheme: ${JSON.stringify(agreed.body)}`);
}
