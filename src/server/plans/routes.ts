// 年度抽查计划 API: HTTP only — the schemas, one use case per route (planCommands.ts,
// planViews.ts), the answer's schema. Who may read or change a plan: policy.ts.
import { z } from 'zod';
import type { FieldChange, PlanProblem, PlanWarning, SubLibrarySuggestion, TaskChange, UndrawableTask } from '../../core/plan/index.ts';
import { dateField, flagField, listedId, optionalText, yearField } from '../http/fields.ts';
import { contentDisposition, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { type AppContext, type Caller, moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { coreValue, instant, unitFields } from '../http/wire.ts';
import {
  addTask,
  adjustPlan,
  createPlanDraft,
  deletePlan,
  deleteTask,
  discardAdjustment,
  filePlan,
  importPlanTable,
  publishPlan,
  updateDraftHeader,
  updateTask,
} from './planCommands.ts';
import {
  listPlans,
  planChecksOf,
  planDetail,
  planDiff,
  planExportFile,
  previewPlanText,
  type tablePreview,
  type TaskView,
} from './planViews.ts';
import { columnTargetLabel, headerKey, planFieldLabel, type PlanField } from '../../core/plan/index.ts';
import { columnTargets } from './columnMappings.ts';
import type { TaskItemMatches } from './planChecks.ts';
import { taskSubLibrarySuggestions } from './subLibraryFit.ts';
import { riskClassificationLabel, riskClassifications, type RiskClassification } from '../../core/entities/riskClassifications.ts';

const TAG = '年度抽查计划';
const route = routeGroup(TAG);
const plansRead = moduleRead('plans');
const plansWrite = moduleWrite('plans');

const idParams = z.object({ id: listedId('计划编号') });
const taskParams = idParams.extend({
  code: z.string().trim().min(1, '请指定任务编号').max(60, '任务编号过长').describe('任务编号'),
});
const versionQuery = z.object({ version: z.coerce.number().int().min(1, '版本号从 1 开始').optional().describe('版本号') });
const titleField = z.string().trim().min(1, '请填写计划名称').max(120, '计划名称最多 120 个字').describe('计划名称');
const docNumberField = z.string().trim().max(60, '文号最多 60 个字').describe('文号');
const kindField = z.enum(['own', 'joint'], { message: '计划类型只能是 本单位计划 或 部门联合抽查计划' }).describe('计划类型');
const unitCodeField = z.string().trim().min(1).max(40).describe('单位代码');
const MAX_TABLE_TEXT = 2 * 1024 * 1024;

const fieldKeys = Object.keys(planFieldLabel).filter((f) => f !== 'taskCode') as [PlanField, ...PlanField[]];
const cellsField = z
  .partialRecord(
    z.enum(fieldKeys, { message: `未知的列，可用的列：${fieldKeys.join('、')}` }),
    z.string().max(4000, '单元格最多 4000 个字'),
  )
  .refine((cells) => (cells.name ?? '').trim() !== '', { message: '请填写抽查任务名称' })
  .describe('任务各列');
const taskBody = z.object({
  cells: cellsField,
  subLibraryId: z.uuid('名录分库编号不正确，请从列表中重新打开').nullable().default(null).describe('名录分库'),
  classification: z
    .enum(riskClassifications as [RiskClassification, ...RiskClassification[]], {
      message: `风险分类依据只能是：${riskClassifications.map((c) => riskClassificationLabel[c]).join('、')}`,
    })
    .nullable()
    .default(null)
    .describe('风险分类依据'),
});

// ---- answers
const ok = z.object({ ok: z.literal(true) });

/** A command on the plan the path names whose use case answers nothing: the route answers ok once it ran. */
function planCommand<const K extends `${'POST' | 'DELETE'} /api/plans/${string}`, PS extends typeof idParams | typeof taskParams>(
  key: K,
  summary: string,
  params: PS,
  command: (db: AppContext['database']['db'], caller: Caller, params: z.output<PS>) => Promise<void>,
) {
  return route(plansWrite, key, {
    summary,
    params,
    response: ok,
    async handler({ app, caller, params: ids }) {
      await command(app.database.db, caller, ids as z.output<PS>);
      return { ok: true as const };
    },
  });
}
const versionNumber = z.object({ version: z.number() });
const taskSaved = z.object({ code: z.string(), problems: z.array(coreValue<PlanProblem>()) });
const planStatus = z.enum(['draft', 'published', 'filed']);
/** A version of a plan as the console shows it. */
export const versionView = z.object({
  versionNo: z.number(),
  state: z.enum(['draft', 'published', 'superseded']),
  title: z.string(),
  docNumber: z.string(),
  deadline: z.string().nullable(),
  reason: z.string().nullable(),
  sourceFileName: z.string().nullable(),
  createdByName: z.string(),
  createdAt: instant,
  publishedAt: instant.nullable(),
  publishedByName: z.string().nullable(),
  undrawableReason: z.string().nullable(),
  undrawableTasks: z.array(coreValue<UndrawableTask>()),
});
// 列对应: header (as written, or its key) → field key or 'ignore'. Keys are folded to header keys.
const columnTargetField = z.enum(columnTargets, { message: `列对应只能是：${columnTargets.map(columnTargetLabel).join('、')}` });
const columnsRecord = z
  .record(z.string().trim().min(1, '列名不能为空').max(200, '列名最多 200 个字'), columnTargetField)
  .refine((columns) => Object.keys(columns).length <= 100, { message: '列对应最多 100 列' })
  .transform((columns) => Object.fromEntries(Object.entries(columns).map(([header, target]) => [headerKey(header), target])));
const columnsBodyField = columnsRecord.optional().describe('列对应');
const columnsQueryField = z
  .string()
  .max(8000, '列对应过长')
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: '列对应格式不正确：应为 {"列名":"字段"}' });
      return z.NEVER;
    }
  })
  .pipe(columnsRecord)
  .optional()
  .describe('列对应');
const columnSource = z.enum(['header', 'remembered', 'chosen', 'unknown']);
const planFieldEnum = z.enum(Object.keys(planFieldLabel) as [PlanField, ...PlanField[]]);
// What a table was read with: each header, the field (or 忽略) it was read as and why; the
// required and expected fields no column was read as.
const previewMapping = z.object({
  mapping: z.array(
    z.object({
      header: z.string(),
      key: z.string(),
      target: z.union([planFieldEnum, z.literal('ignore')]).nullable(),
      label: z.string().nullable(),
      source: columnSource,
    }),
  ),
  missing: z.object({ required: z.array(planFieldEnum), expected: z.array(planFieldEnum) }),
});
const preview = z.intersection(coreValue<Omit<ReturnType<typeof tablePreview>, 'mapping' | 'missing'>>(), previewMapping);

const planListItem = z.object({
  id: z.string(),
  ...unitFields,
  year: z.number(),
  kind: kindField,
  status: planStatus,
  publishedVersion: z.number().nullable(),
  draftVersion: z.number().nullable(),
  filedVersion: z.number().nullable(),
  filedAt: instant.nullable(),
  title: z.string(),
  docNumber: z.string(),
  deadline: z.string().nullable(),
  versionNo: z.number(),
  taskCount: z.number(),
  own: z.boolean(),
  updatedAt: instant,
});

const planSummary = z.object({
  id: z.string(),
  ...unitFields,
  year: z.number(),
  kind: kindField,
  status: planStatus,
  statusText: z.string(),
  publishedVersion: z.number().nullable(),
  draftVersion: z.number().nullable(),
  filedVersion: z.number().nullable(),
  filedAt: instant.nullable(),
  filedByName: z.string().nullable(),
  createdByName: z.string(),
  updatedAt: instant,
});

export const listPlansRoute = route(plansRead, 'GET /api/plans', {
  summary: '计划列表：本单位及下级单位的计划（含草稿），以及上级单位已发布的计划',
  query: z.object({ year: yearField.describe('年度').optional() }),
  response: z.object({ items: z.array(planListItem), total: z.number() }),
  handler: ({ app, caller, query }) => listPlans(app.database.db, caller, query),
});

export const parsePlanText = route(plansWrite, 'POST /api/plans/parse', {
  summary:
    '试解析粘贴的计划表（制表符分隔，含表头一行）：列出每个表头对应的字段（含本单位已记住的列对应和本次指定的列对应）、逐格识别结果和问题，不保存',
  bodyLimit: MAX_TABLE_TEXT + 1024,
  body: z.object({
    text: z.string().min(1, '请粘贴计划表（含表头）').max(MAX_TABLE_TEXT, '粘贴的内容过长（最多 2 MB）').describe('计划表'),
    year: yearField.describe('年度'),
    unitCode: unitCodeField.optional(),
    columns: columnsBodyField,
  }),
  response: preview,
  handler: ({ app, caller, body }) => previewPlanText(app.database.db, caller, body),
});

const headerFields = {
  title: titleField.optional(),
  docNumber: docNumberField.optional(),
  deadline: dateField.nullable().optional().describe('完成时限'),
};

export const createPlanRoute = route(plansWrite, 'POST /api/plans', {
  summary: '新建计划草稿：空白，或由粘贴的计划表生成任务（未能识别的单元格随任务保存，修改后才能发布）',
  bodyLimit: MAX_TABLE_TEXT + 4096,
  body: z.object({
    year: yearField.describe('年度'),
    unitCode: unitCodeField.optional(),
    kind: kindField.default('own'),
    ...headerFields,
    text: z.string().max(MAX_TABLE_TEXT, '粘贴的内容过长（最多 2 MB）').optional().describe('计划表'),
    columns: columnsBodyField,
  }),
  response: z.object({ id: z.string(), taskCount: z.number(), problems: z.array(coreValue<PlanProblem>()) }),
  handler: ({ app, caller, body }) => createPlanDraft(app.database.db, caller, body),
});

export const importPlanFile = route(plansWrite, 'POST /api/plans/import', {
  summary:
    '导入计划表文件（.xlsx/.csv/.tsv/.txt：表头一行，其后每行一个任务）；dryRun=true 只解析不保存。columns 为列对应（JSON：{"列名":"字段"}），保存时记住，供本单位以后导入使用',
  upload: { maxBytes: 20 * 1024 * 1024 },
  query: z.object({
    year: yearField.describe('年度'),
    unitCode: unitCodeField.optional(),
    kind: kindField.default('own'),
    title: titleField.optional(),
    docNumber: docNumberField.optional(),
    deadline: dateField.optional().describe('完成时限'),
    dryRun: flagField.describe('只校验不保存'),
    columns: columnsQueryField,
  }),
  response: z.intersection(preview, z.object({ dryRun: z.boolean(), id: z.string().nullable() })),
  handler: ({ app, caller, query, upload }) => importPlanTable(app.database.db, caller, { ...query, file: upload ?? undefined }),
});

export const getPlan = route(plansRead, 'GET /api/plans/:id', {
  summary: '计划详情：版本列表、所选版本（默认：本单位为草稿，上级单位的计划为已发布版本）及其任务；名录分库实时户数仅本单位及上级单位可见',
  params: idParams,
  query: versionQuery,
  response: z.object({
    plan: planSummary,
    own: z.boolean(),
    editable: z.boolean(),
    versions: z.array(versionView),
    version: versionView,
    tasks: z.array(coreValue<TaskView>()),
    undrawable: z.array(coreValue<UndrawableTask>()),
  }),
  handler: ({ app, caller, params, query }) => planDetail(app.database.db, caller, { id: params.id, version: query.version }),
});

export const planChecks = route(plansRead, 'GET /api/plans/:id/checks', {
  summary:
    '计划检查提示：与上级或联合任务重复、各任务抽查事项与认领清单的对应（按抽查类别和事项名称）及事项覆盖率、下半年集中、未使用信用风险分类、低风险企业重复检查、对象范围',
  params: idParams,
  query: versionQuery,
  response: z.object({
    versionNo: z.number(),
    warnings: z.array(coreValue<PlanWarning>()),
    itemMatches: z.array(coreValue<TaskItemMatches>()),
  }),
  handler: ({ app, caller, params, query }) => planChecksOf(app.database.db, caller, { id: params.id, version: query.version }),
});

export const planDiffRoute = route(plansRead, 'GET /api/plans/:id/diff', {
  summary: '两个版本的差异（默认：当前版本与上一版本）：计划名称/文号/时限，及按任务编号逐格比较的新增、删除、修改',
  params: idParams,
  query: z.object({
    from: z.coerce.number().int().min(1, '版本号从 1 开始').optional().describe('比较的起始版本'),
    to: z.coerce.number().int().min(1, '版本号从 1 开始').optional().describe('比较的目标版本'),
  }),
  response: z.object({
    from: versionView,
    to: versionView,
    header: z.array(coreValue<FieldChange>()),
    tasks: z.array(coreValue<TaskChange>()),
    unchanged: z.number(),
  }),
  handler: ({ app, caller, params, query }) => planDiff(app.database.db, caller, { id: params.id, from: query.from, to: query.to }),
});

export const exportPlan = route(plansRead, 'GET /api/plans/:id/export', {
  summary: '导出计划表 .xlsx（种子文件的表格样式，附任务编号），可作通知附件',
  params: idParams,
  query: versionQuery,
  async handler({ app, caller, params, query, c }) {
    const file = await planExportFile(app.database.db, caller, { id: params.id, version: query.version });
    return c.body(new Uint8Array(file.buffer), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': contentDisposition(file.fileName),
    });
  },
});

export const updatePlanHeader = route(plansWrite, 'PATCH /api/plans/:id', {
  summary: '修改草稿的计划名称、文号、完成时限（已发布的版本不能直接修改）',
  params: idParams,
  body: z.object(headerFields),
  response: ok,
  async handler({ app, caller, params, body }) {
    await updateDraftHeader(app.database.db, caller, {
      id: params.id,
      header: {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.docNumber !== undefined ? { docNumber: body.docNumber } : {}),
        ...(body.deadline !== undefined ? { deadline: body.deadline } : {}),
      },
    });
    return { ok: true as const };
  },
});

export const addPlanTask = route(plansWrite, 'POST /api/plans/:id/tasks', {
  summary: '在草稿中新增任务（按列填写，与导入同样解析；分配新的任务编号）',
  params: idParams,
  body: taskBody,
  response: taskSaved,
  handler: ({ app, caller, params, body }) => addTask(app.database.db, caller, { id: params.id, ...body }),
});

export const updatePlanTask = route(plansWrite, 'PUT /api/plans/:id/tasks/:code', {
  summary: '修改草稿中的任务（按列填写并重新解析，可关联名录分库）',
  params: taskParams,
  body: taskBody,
  response: taskSaved,
  handler: ({ app, caller, params, body }) => updateTask(app.database.db, caller, { id: params.id, code: params.code, ...body }),
});

export const deletePlanTask = planCommand('DELETE /api/plans/:id/tasks/:code', '从草稿中删除任务', taskParams, deleteTask);

export const subLibrarySuggestionsRoute = route(plansRead, 'GET /api/plans/:id/tasks/:code/sub-library-suggestions', {
  summary:
    '任务的名录分库建议：按抽查对象范围和任务名称，对本单位及上级单位的名录分库排序（与范围矛盾的不建议），并指出所选分库与范围的矛盾；仅供计划编制人员确认采用，不会自动关联',
  params: taskParams,
  query: z.object({
    version: z.coerce.number().int().min(1, '版本号从 1 开始').optional().describe('版本号'),
    name: z.string().max(4000, '抽查任务名称最多 4000 个字').optional().describe('抽查任务名称'),
    population: z.string().max(4000, '抽查对象范围最多 4000 个字').optional().describe('抽查对象范围'),
    subLibraryId: z.uuid('名录分库编号不正确，请从列表中重新选择').optional().describe('名录分库'),
  }),
  response: z.object({
    taskCode: z.string(),
    name: z.string(),
    population: z.string(),
    current: z.object({ id: z.string(), name: z.string(), contradictions: z.array(z.string()) }).nullable(),
    suggestions: z.array(coreValue<SubLibrarySuggestion>()),
  }),
  handler: ({ app, caller, params, query }) =>
    taskSubLibrarySuggestions(app.database.db, caller, { id: params.id, code: params.code, ...query }),
});

export const publishPlanRoute = route(plansWrite, 'POST /api/plans/:id/publish', {
  summary:
    '发布草稿（首次发布或调整后的新版本，调整须填原因）：在门户“抽查计划公告”公开。有任务未关联名录分库或分库为 0 户时，须填写无法抽取任务的发布说明，否则拒绝发布（409）并列出这些任务',
  params: idParams,
  body: z.object({
    reason: optionalText('调整原因', 500),
    undrawableReason: optionalText('无法抽取任务的发布说明', 500),
  }),
  response: versionNumber,
  handler: ({ app, caller, params, body }) =>
    publishPlan(app.database.db, caller, { id: params.id, reason: body.reason, undrawableReason: body.undrawableReason }),
});

export const adjustPlanRoute = route(plansWrite, 'POST /api/plans/:id/adjust', {
  summary: '调整已发布的计划：以当前发布版本为底稿生成新版本草稿',
  params: idParams,
  response: versionNumber,
  handler: ({ app, caller, params }) => adjustPlan(app.database.db, caller, params),
});

export const discardPlanAdjustment = planCommand(
  'POST /api/plans/:id/discard',
  '放弃调整中的草稿（已发布的版本不受影响）',
  idParams,
  discardAdjustment,
);

export const filePlanRoute = route(plansWrite, 'POST /api/plans/:id/file', {
  summary: '报上级单位备案（须先发布；调整后的新版本需重新备案）',
  params: idParams,
  response: z.object({ filedAt: instant, version: z.number().nullable() }),
  handler: ({ app, caller, params }) => filePlan(app.database.db, caller, params),
});

export const deletePlanRoute = planCommand('DELETE /api/plans/:id', '删除从未发布过的计划草稿', idParams, deletePlan);

export const planRoutes = [
  listPlansRoute,
  parsePlanText,
  importPlanFile,
  createPlanRoute,
  getPlan,
  planChecks,
  planDiffRoute,
  exportPlan,
  updatePlanHeader,
  addPlanTask,
  updatePlanTask,
  deletePlanTask,
  subLibrarySuggestionsRoute,
  publishPlanRoute,
  adjustPlanRoute,
  discardPlanAdjustment,
  filePlanRoute,
  deletePlanRoute,
] as const;
