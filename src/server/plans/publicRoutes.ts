// 抽查计划公告 on the public portal: published versions only, without internal fields
// (no parse problems, no editors' names, no draft). Earlier published versions stay readable.
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { defineRoute, publicRoute } from '../http/route.ts';
import { loadPlan } from './planStore.ts';
import { loadTasks, loadVersions } from './planViews.ts';

const TAG = '公开';

export const listPublicPlans = defineRoute({
  method: 'get',
  path: '/api/public/plans',
  summary: '抽查计划公告：已发布的年度抽查计划（可按年度、单位筛选）',
  tag: TAG,
  auth: publicRoute,
  query: z.object({
    year: z.coerce.number().int().min(2000, '年度应在 2000—2100 之间').max(2100, '年度应在 2000—2100 之间').optional(),
    q: z.string().trim().max(60, '关键词最多 60 个字').optional(),
  }),
  async handler({ app, query }) {
    let q = app.database.db
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
        eb
          .selectFrom('plan_task as t')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('t.unit_code', '=', 'p.unit_code')
          .whereRef('t.plan_id', '=', 'p.id')
          .whereRef('t.version_no', '=', 'v.version_no')
          .as('task_count'),
      ]);
    if (query.year !== undefined) q = q.where('p.year', '=', query.year);
    if (query.q) {
      const like = `%${query.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
      q = q.where((eb) => eb.or([eb('v.title', 'like', like), eb('o.name', 'like', like), eb('v.doc_number', 'like', like)]));
    }
    const rows = await q.orderBy('v.published_at', 'desc').limit(200).execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        year: r.year,
        kind: r.kind,
        unitName: r.unit_name,
        title: r.title,
        docNumber: r.doc_number,
        deadline: r.deadline,
        versionNo: r.version_no,
        publishedAt: r.published_at,
        taskCount: Number(r.task_count ?? 0),
      })),
    };
  },
});

export const getPublicPlan = defineRoute({
  method: 'get',
  path: '/api/public/plans/:id',
  summary: '抽查计划公告详情：已发布版本的任务表与调整记录',
  tag: TAG,
  auth: publicRoute,
  params: z.object({ id: z.uuid('计划编号应为 UUID') }),
  query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  async handler({ app, params, query }) {
    const db = app.database.db;
    const plan = await loadPlan(db, params.id);
    if (!plan || plan.state.publishedVersion === null) throw new AppError('NOT_FOUND', '没有找到这份已发布的抽查计划。', { id: params.id });
    const versions = (await loadVersions(db, plan, true)).map((v) => ({
      versionNo: v.versionNo,
      current: v.versionNo === plan.state.publishedVersion,
      title: v.title,
      docNumber: v.docNumber,
      deadline: v.deadline,
      reason: v.reason,
      publishedAt: v.publishedAt,
    }));
    const versionNo = query.version ?? plan.state.publishedVersion;
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
  },
});

export const publicPlanRoutes = [listPublicPlans, getPublicPlan] as const;
