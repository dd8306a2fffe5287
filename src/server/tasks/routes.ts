// 抽查任务 API: HTTP only — the tasks a unit acts on this year (taskViews.ts).
import { z } from 'zod';
import { yearField } from '../http/fields.ts';
import { moduleRead, routeGroup } from '../http/route.ts';
import { coreValue } from '../http/wire.ts';
import { listUnitTasks } from './taskViews.ts';

const route = routeGroup('抽查任务');

type UnitTask = Awaited<ReturnType<typeof listUnitTasks>>['items'][number];

export const listTasks = route(moduleRead('tasks'), 'GET /api/tasks', {
  summary: '本单位当年的抽查任务（已发布计划中）：本单位计划的任务、上级计划中由本级检查的任务（如市抽县查）、本部门参与的联合任务',
  query: z.object({ year: yearField.describe('年度') }),
  response: z.object({ year: z.number(), items: z.array(coreValue<UnitTask>()), total: z.number() }),
  handler: ({ app, caller, query }) => listUnitTasks(app.database.db, caller, query),
});

export const taskRoutes = [listTasks] as const;
