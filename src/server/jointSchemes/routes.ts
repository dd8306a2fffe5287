// 检查方案 of a joint task: HTTP only — read it, save it (the drawing unit), agree to it (a named
// department). Rules: jointSchemeCommands.ts; who may: policy.ts.
import { z } from 'zod';
import { dateField } from '../http/fields.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { day, instant } from '../http/wire.ts';
import { agreeJointScheme, readJointScheme, saveJointScheme } from './jointSchemeCommands.ts';

const route = routeGroup('联合检查方案');
const codeParams = z.object({ code: z.string().trim().min(1).max(60, '最多 60 个字').describe('任务编号') });
const text = (label: string, max: number) => z.string().max(max, `${label}最多 ${max} 个字`).describe(label);

const partInput = z.object({
  unitCode: text('部门', 40),
  items: z.array(text('检查事项', 200)).max(100, '检查事项最多 100 项').describe('检查事项'),
  contactName: text('联系人', 40),
  contactPhone: text('联系电话', 20),
});

const schemeResponse = z.object({
  taskCode: z.string(),
  taskName: z.string(),
  period: z.object({ start: day, end: day }).nullable(),
  departments: z.array(z.object({ code: z.string(), name: z.string() })),
  initiatingUnitName: z.string(),
  canDraft: z.boolean(),
  canAgree: z.boolean(),
  awaitingCaller: z.boolean(),
  scheme: z
    .object({
      version: z.number(),
      startOn: day,
      endOn: day,
      parts: z.array(
        z.object({
          unitCode: z.string(),
          unitName: z.string(),
          items: z.array(z.string()),
          contactName: z.string(),
          contactPhone: z.string(),
        }),
      ),
      agreements: z.array(z.object({ unitCode: z.string(), unitName: z.string(), version: z.number(), byName: z.string(), at: instant })),
      updatedByName: z.string(),
      updatedAt: instant,
    })
    .nullable(),
  pendingDepartments: z.array(z.string()),
  readyToDraw: z.boolean(),
});

export const getJointSchemeRoute = route(moduleRead('tasks'), 'GET /api/tasks/:code/joint-scheme', {
  summary: '部门联合任务的检查方案：各部门检查事项、检查起止日期、联系人和电话，以及各部门的确认情况',
  params: codeParams,
  response: schemeResponse,
  handler: ({ app, caller, params }) => readJointScheme(app.database.db, caller, params),
});

export const saveJointSchemeRoute = route(moduleWrite('plans'), 'PUT /api/tasks/:code/joint-scheme', {
  summary: '制定或修改检查方案（抽取本任务的单位）；修改后各部门此前的确认失效，须重新确认',
  params: codeParams,
  body: z.object({
    startOn: dateField.describe('检查开始日期'),
    endOn: dateField.describe('检查结束日期'),
    parts: z.array(partInput).max(50, '部门最多 50 个').describe('各部门分工'),
  }),
  response: schemeResponse,
  handler: ({ app, caller, params, body }) => saveJointScheme(app.database.db, caller, { ...params, ...body }),
});

export const agreeJointSchemeRoute = route(moduleRead('tasks'), 'POST /api/tasks/:code/joint-scheme/agreement', {
  summary: '配合部门确认检查方案（部门的系统管理员或计划管理员）；须确认当前版本',
  params: codeParams,
  body: z.object({ version: z.number().int().min(1).describe('方案版本') }),
  response: schemeResponse,
  handler: ({ app, caller, params, body }) => agreeJointScheme(app.database.db, caller, { ...params, ...body }),
});

export const jointSchemeRoutes = [getJointSchemeRoute, saveJointSchemeRoute, agreeJointSchemeRoute] as const;
