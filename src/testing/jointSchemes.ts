// A joint task's 检查方案 drafted by its drawing unit and agreed by each department it names, so
// that its draw may be committed (tests that are about the draw, not the scheme).
import type { ApiClient } from './apiClient.ts';

/**
 * `planner` (of the drawing unit) saves a scheme over the task's 抽查时段; `department` (a named
 * department's admin or planner, already switched to it) agrees to it. Throws on any refusal.
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
