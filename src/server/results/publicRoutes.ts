// 抽查结果公告 on the portal: HTTP only. Published, not stopped results only (resultViews.ts).
import { z } from 'zod';
import { defineRoute, publicRoute } from '../http/route.ts';
import { day } from '../http/wire.ts';
import { publicResultsOf, searchPublicResults } from './resultViews.ts';

const publicResult = z.object({
  id: z.string(),
  entityName: z.string(),
  uscc: z.string(),
  authority: z.string(),
  taskCode: z.string(),
  checkedOn: day.nullable(),
  result: z.string().nullable(),
  publishedOn: day.nullable(),
});

export const searchPublicResultsRoute = defineRoute({
  method: 'get',
  path: '/api/public/results',
  summary: '抽查结果公告：按企业名称或统一社会信用代码查询已公示的检查结果',
  tag: '公开',
  auth: publicRoute,
  query: z.object({
    q: z.string().trim().max(60, '关键词最多 60 个字').optional().describe('企业名称或统一社会信用代码'),
    page: z.coerce.number().int().min(1).max(1000).default(1).describe('页码'),
  }),
  response: z.object({ items: z.array(publicResult), page: z.number() }),
  handler: ({ app, query }) => searchPublicResults(app.database.db, query),
});

export const publicEntity = defineRoute({
  method: 'get',
  path: '/api/public/entities/:uscc',
  summary: '企业的已公示抽查检查结果',
  tag: '公开',
  auth: publicRoute,
  params: z.object({
    uscc: z.string().trim().min(15, '统一社会信用代码为 18 位').max(20, '统一社会信用代码为 18 位').describe('统一社会信用代码'),
  }),
  response: z.object({ uscc: z.string(), entityName: z.string(), results: z.array(publicResult) }),
  handler: ({ app, params }) => publicResultsOf(app.database.db, params),
});

export const publicResultRoutes = [searchPublicResultsRoute, publicEntity] as const;
