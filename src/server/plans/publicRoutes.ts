// 抽查计划公告 on the public portal: HTTP only (publicPlans.ts).
import { z } from 'zod';
import type { ModeCell, PlanField } from '../../core/plan/index.ts';
import { listedId, optionalText, yearField } from '../http/fields.ts';
import { publicRoute, routeGroup } from '../http/route.ts';
import { coreValue, instant } from '../http/wire.ts';
import { listPublicPlans, publicPlanDetail } from './publicPlans.ts';
import { versionView } from './routes.ts';

const TAG = '公开';
const route = routeGroup(TAG);
const kind = z.enum(['own', 'joint']);

/** A published version as the portal shows it: what the console shows, without editors' names and problems. */
const publicVersion = versionView
  .pick({ versionNo: true, title: true, docNumber: true, deadline: true, reason: true, publishedAt: true })
  .extend({ current: z.boolean() });

const publicTask = z.object({
  code: z.string(),
  seq: z.number().nullable(),
  name: z.string(),
  taskType: z.enum(['directed', 'undirected']).nullable(),
  items: z.array(z.string()),
  population: z.string(),
  cells: coreValue<Partial<Record<PlanField, string>>>(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  mode: coreValue<ModeCell | null>(),
  initiatingDepartment: z.string().nullable(),
  cooperatingDepartments: z.array(z.string()),
});

export const listPublicPlansRoute = route(publicRoute, 'GET /api/public/plans', {
  summary: '抽查计划公告：已发布的年度抽查计划（可按年度、单位筛选）',
  query: z.object({
    year: yearField.optional().describe('年度'),
    q: optionalText('关键词', 60),
  }),
  response: z.object({
    items: z.array(
      z.object({
        id: z.string(),
        year: z.number(),
        kind,
        unitName: z.string(),
        title: z.string(),
        docNumber: z.string(),
        deadline: z.string().nullable(),
        versionNo: z.number(),
        publishedAt: instant.nullable(),
        taskCount: z.number(),
      }),
    ),
  }),
  handler: ({ app, query }) => listPublicPlans(app.database.db, query),
});

export const getPublicPlan = route(publicRoute, 'GET /api/public/plans/:id', {
  summary: '抽查计划公告详情：已发布版本的任务表与调整记录',
  params: z.object({ id: listedId('计划编号') }),
  query: z.object({ version: z.coerce.number().int().min(1, '版本号从 1 开始').optional().describe('版本号') }),
  response: z.object({
    id: z.string(),
    unitName: z.string(),
    year: z.number(),
    kind,
    version: publicVersion,
    versions: z.array(publicVersion),
    tasks: z.array(publicTask),
  }),
  handler: ({ app, params, query }) => publicPlanDetail(app.database.db, { id: params.id, version: query.version }),
});

export const publicPlanRoutes = [listPublicPlansRoute, getPublicPlan] as const;
