// 抽查计划公告 on the public portal: published versions only, without internal fields (no parse
// problems, no editors' names, no draft, no live counts). Earlier published versions stay readable.
import type { Kysely } from 'kysely';
import { camelRow } from '../http/wire.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { loadPlan, versionTaskCount } from './planStore.ts';
import { loadTasks, loadVersions } from './planViews.ts';

/** Published plans, newest first, by year and a keyword in the title, unit or 文号. */
export async function listPublicPlans(db: Kysely<DB>, input: { year?: number | undefined; q?: string | undefined }) {
  let q = db
    .selectFrom('plan as p')
    .innerJoin('plan_version as v', (j) =>
      j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.published_version'),
    )
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select((eb) => [
      'p.id',
      'p.year',
      'p.kind',
      'o.name as unit_name',
      'v.title',
      'v.doc_number',
      'v.deadline',
      'v.version_no',
      'v.published_at',
      versionTaskCount(eb),
    ]);
  if (input.year !== undefined) q = q.where('p.year', '=', input.year);
  if (input.q) {
    const like = `%${input.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    q = q.where((eb) => eb.or([eb('v.title', 'like', like), eb('o.name', 'like', like), eb('v.doc_number', 'like', like)]));
  }
  const rows = await q.orderBy('v.published_at', 'desc').limit(200).execute();
  return {
    items: rows.map((r) => ({ ...camelRow(r), taskCount: Number(r.task_count ?? 0) })),
  };
}

/** One published plan: the chosen published version's tasks and the list of published versions. */
export async function publicPlanDetail(db: Kysely<DB>, input: { id: string; version?: number | undefined }) {
  const plan = await loadPlan(db, input.id);
  if (!plan || plan.state.publishedVersion === null) throw new AppError('NOT_FOUND', '没有找到这份已发布的抽查计划。', { id: input.id });
  const versions = (await loadVersions(db, plan, true)).map((v) => ({
    versionNo: v.versionNo,
    current: v.versionNo === plan.state.publishedVersion,
    title: v.title,
    docNumber: v.docNumber,
    deadline: v.deadline,
    reason: v.reason,
    publishedAt: v.publishedAt,
  }));
  const versionNo = input.version ?? plan.state.publishedVersion;
  const version = versions.find((v) => v.versionNo === versionNo);
  if (!version) throw new AppError('NOT_FOUND', `该计划没有已发布的第${versionNo}版。`, { version: versionNo });
  const tasks = (await loadTasks(db, plan, versionNo, false)).map((t) => ({
    code: t.code,
    seq: t.seq,
    name: t.name,
    taskType: t.taskType,
    items: t.items,
    population: t.population,
    cells: t.cells,
    period: t.period,
    mode: t.mode,
    initiatingDepartment: t.initiatingDepartment,
    cooperatingDepartments: t.cooperatingDepartments,
  }));
  return { id: plan.id, unitName: plan.unitName, year: plan.year, kind: plan.kind, version, versions, tasks };
}
