// 工作台 API: HTTP only — what the signed-in role must do next (workbenchViews.ts).
import { z } from 'zod';
import { todoKindLabel } from '../../core/glossary.ts';
import { anySession, routeGroup } from '../http/route.ts';
import { codeOf, day } from '../http/wire.ts';
import { workbenchFor, yearsWithData } from './workbenchViews.ts';

const route = routeGroup('工作台');

const todo = z.object({
  kind: codeOf(todoKindLabel),
  subject: z.string(),
  detail: z.string().nullable(),
  due: day.nullable(),
  urgency: z.enum(['overdue', 'dueSoon', 'ok', 'none']),
  link: z.string(),
});

export const workbenchRoute = route(anySession, 'GET /api/workbench', {
  summary: '工作台：当前单位、当前角色的待办事项（含期限，逾期在前）与名录库的准确数量',
  response: z.object({
    today: day,
    year: z.number(),
    counts: z.object({ entities: z.number().nullable(), inspectors: z.number().nullable() }),
    notice: z.string().nullable(),
    groups: z.array(
      z.object({ kind: codeOf(todoKindLabel), title: z.string(), total: z.number(), overdue: z.number(), items: z.array(todo) }),
    ),
  }),
  handler: ({ app, caller }) => workbenchFor(app.database.db, caller),
});

export const yearsRoute = route(anySession, 'GET /api/workbench/years', {
  summary: '有计划数据的年度（本单位及下级的计划、上级已发布的计划），新的在前：年度选择默认打开最近有数据的年度',
  response: z.object({ years: z.array(z.number()) }),
  handler: async ({ app, caller }) => ({ years: await yearsWithData(app.database.db, caller) }),
});

export const workbenchRoutes = [workbenchRoute, yearsRoute] as const;
