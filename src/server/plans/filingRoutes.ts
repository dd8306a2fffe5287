// 备案 API: HTTP only — the filing board of an upper unit and its deadline (filing.ts).
import { z } from 'zod';
import { yearField } from '../http/fields.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { instant, unitFields } from '../http/wire.ts';
import { filingBoard, setFilingDeadline } from './filing.ts';
import { filingStatusLabel, type FilingStatus } from '../../core/glossary.ts';

const TAG = '年度抽查计划';
const route = routeGroup(TAG);
const filingStatus = z.enum(Object.keys(filingStatusLabel) as [FilingStatus, ...FilingStatus[]]);

const filingRow = z.object({
  ...unitFields,
  unitKind: z.string(),
  planId: z.string().nullable(),
  planTitle: z.string().nullable(),
  planStatus: z.enum(['draft', 'published', 'filed']).nullable(),
  publishedVersion: z.number().nullable(),
  publishedAt: instant.nullable(),
  filedVersion: z.number().nullable(),
  filedAt: instant.nullable(),
  filedOn: z.string().nullable(),
  filedByName: z.string().nullable(),
  planCount: z.number(),
  status: filingStatus,
  statusText: z.string(),
});

export const filingBoardRoute = route(moduleRead('plans'), 'GET /api/plan-filing', {
  summary: '备案情况：本单位下属各局当年计划的发布与备案情况、备案截止日期（上级单位查看）',
  query: z.object({ year: yearField.describe('年度') }),
  response: z.object({
    year: z.number(),
    dueOn: z.string().nullable(),
    dueSetBy: z.string().nullable(),
    ownDeadline: z.string().nullable(),
    today: z.string(),
    rows: z.array(filingRow),
    counts: z.record(filingStatus, z.number()),
  }),
  handler: ({ app, caller, query }) => filingBoard(app.database.db, caller, query),
});

export const setFilingDeadlineRoute = route(moduleWrite('plans'), 'PUT /api/plan-filing/deadline', {
  summary: '设置下属单位当年计划的备案截止日期（如 4月15日）',
  body: z.object({
    year: yearField.describe('年度'),
    dueOn: z.iso.date('日期格式应为 YYYY-MM-DD，如 2025-04-15').describe('备案截止日期'),
  }),
  response: z.object({ year: z.number(), dueOn: z.string() }),
  handler: ({ app, caller, body }) => setFilingDeadline(app.database.db, caller, body),
});

export const filingRoutes = [filingBoardRoute, setFilingDeadlineRoute] as const;
