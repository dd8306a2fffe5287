// Plans as the draw tests need them: created from a plan table over the API, every task linked to
// a 名录分库, published.
import { expect } from 'vitest';
import type { ApiClient } from './apiClient.ts';

/** A plan table's header in the seed layout, without the 抽查类型 and 频次 columns. */
export const PLAN_TABLE_HEADER = '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式';

export interface PlanTask {
  code: string;
  cells: unknown;
}

/**
 * Creates a plan of the year from table rows (under `header`), links each task to its 名录分库 (one
 * id for all, or one per task in row order) and publishes it; returns the tasks in row order.
 */
export async function publishedPlan(
  client: ApiClient,
  plan: { year: number; title: string; rows: string[]; header?: string },
  subLibraryIds: string | string[],
): Promise<PlanTask[]> {
  const { year, title, rows, header = PLAN_TABLE_HEADER } = plan;
  const created = (await client.post('/api/plans', { year, title, text: [header, ...rows].join('\n') })).body;
  const tasks = (await client.get(`/api/plans/${created.id}`)).body.tasks as PlanTask[];
  for (const [i, task] of tasks.entries()) {
    const subLibraryId = typeof subLibraryIds === 'string' ? subLibraryIds : subLibraryIds[i];
    const linked = await client.request('PUT', `/api/plans/${created.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
  }
  expect((await client.post(`/api/plans/${created.id}/publish`, {})).status).toBe(200);
  return tasks;
}

/** The id of the 名录分库 of this name that the client sees (the first one listed). */
export async function subLibraryNamed(client: ApiClient, name: string): Promise<string> {
  const found = ((await client.get('/api/sub-libraries')).body.items as { id: string; name: string }[]).find((l) => l.name === name);
  if (!found) throw new Error(`no sub-library named ${name}`);
  return found.id;
}

/** A published 高平 plan of these rows over 全市存续企业 (as the client, a 高平 planner); its tasks in row order. */
export async function publishedGaopingPlan(
  gp: ApiClient,
  year: number,
  title: string,
  rows: string[],
  header?: string,
): Promise<PlanTask[]> {
  return publishedPlan(gp, { year, title, rows, header }, await subLibraryNamed(gp, '全市存续企业'));
}
