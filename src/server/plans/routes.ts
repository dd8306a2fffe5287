// 年度抽查计划 API (issue 4): plans of the caller's units (any state), published plans of
// others (read only), import/paste of the seeds' table layout, the draft editor, publish /
// adjust / file, version diffs, planner checks, .xlsx export.
import { z } from 'zod';
import { dateField, flagField, yearField } from '../http/fields.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { diffVersions, parsePlanTable, planFieldLabel, type PlanField, type PlanTable } from '../../core/plan/index.ts';
import { assertUnitInScope, type UnitScope } from '../access/scope.ts';
import { contentDisposition, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, type Caller } from '../http/route.ts';
import { planWarnings } from './planChecks.ts';
import {
  addTask,
  adjustPlan,
  createPlan,
  deletePlan,
  deleteTask,
  discardAdjustment,
  filePlan,
  publishPlan,
  updateDraftHeader,
  updateTask,
} from './planCommands.ts';
import { planWorkbook } from './planExport.ts';
import { assertReadable, readPlanFile } from './planFile.ts';
import { planInReach, type Actor, type PlanRow } from './planStore.ts';
import { loadTasks, loadVersions, planSummary, type TaskView, type VersionView } from './planViews.ts';

const TAG = '年度抽查计划';
const plansRead = moduleRead('plans');
const plansWrite = moduleWrite('plans');
const actorOf = (who: Caller) => ({ userId: who.userId, name: who.displayName });

const idParams = z.object({ id: z.uuid('计划编号应为 UUID') });
const taskParams = z.object({ id: z.uuid('计划编号应为 UUID'), code: z.string().trim().min(1, '请指定任务编号').max(60, '任务编号过长') });
const titleField = z.string().trim().min(1, '请填写计划名称').max(120, '计划名称最多 120 个字');
const docNumberField = z.string().trim().max(60, '文号最多 60 个字');
const kindField = z.enum(['own', 'joint'], { message: '计划类型只能是 own（本单位计划）或 joint（部门联合抽查计划）' });
const MAX_TABLE_TEXT = 2 * 1024 * 1024;

const fieldKeys = Object.keys(planFieldLabel).filter((f) => f !== 'taskCode') as [PlanField, ...PlanField[]];
const cellsField = z
  .partialRecord(
    z.enum(fieldKeys, { message: `未知的列，可用的列：${fieldKeys.join('、')}` }),
    z.string().max(4000, '单元格最多 4000 个字'),
  )
  .refine((cells) => (cells.name ?? '').trim() !== '', { message: '请填写抽查任务名称' });
const taskBody = z.object({ cells: cellsField, subLibraryId: z.uuid('名录分库编号应为 UUID').nullable().default(null) });

function defaultTitle(unitName: string, year: number, kind: 'own' | 'joint') {
  return `${unitName}${year}年度${kind === 'joint' ? '部门联合' : ''}“双随机、一公开”抽查工作计划`;
}

async function targetUnit(db: Kysely<DB>, who: Caller, unitCode: string | undefined) {
  const code = unitCode ?? who.scope.unitCode;
  await assertUnitInScope(db, who.scope, code);
  const unit = await db.selectFrom('org_unit').select(['code', 'name', 'kind']).where('code', '=', code).executeTakeFirstOrThrow();
  return unit;
}

/** Parse summary for a preview or a dry run: every task with its problems, and every skipped line. */
function tablePreview(table: PlanTable) {
  return {
    columns: table.columns,
    taskCount: table.tasks.length,
    errorCount: table.problems.filter((p) => p.severity === 'error').length,
    warningCount: table.problems.filter((p) => p.severity === 'warning').length,
    tasks: table.tasks.map((t, i) => ({
      row: i + 1,
      lines: t.lines,
      seq: t.seq,
      name: t.name,
      taskType: t.taskType,
      items: t.items?.items ?? null,
      population: t.population,
      quota: t.quota,
      frequency: t.frequency,
      batchesPerYear: t.batchesPerYear,
      riskPolicy: t.riskPolicy,
      period: t.period,
      initiator: t.initiator,
      initiatingDepartment: t.initiatingDepartment,
      cooperatingDepartments: t.cooperatingDepartments,
      mode: t.mode,
      cells: t.raw,
      extraCells: t.extraCells,
    })),
    problems: table.problems,
    skipped: table.skipped.filter((s) => s.kind !== 'blank'),
  };
}

/** The version a reader sees by default: the draft for the plan's own units, else the published one. */
function defaultVersion(plan: PlanRow, own: boolean): number {
  if (own && plan.state.draftVersion !== null) return plan.state.draftVersion;
  return plan.state.publishedVersion ?? plan.state.draftVersion ?? 1;
}

async function readableVersion(
  db: Kysely<DB>,
  plan: PlanRow,
  own: boolean,
  requested: number | undefined,
): Promise<{ versions: VersionView[]; version: VersionView }> {
  const versions = await loadVersions(db, plan, !own);
  const wanted = requested ?? defaultVersion(plan, own);
  const version = versions.find((v) => v.versionNo === wanted);
  if (!version) {
    throw new AppError(
      'NOT_FOUND',
      `计划没有第${wanted}版${own ? '' : '（或该版本尚未发布）'}。现有版本：${versions.map((v) => `第${v.versionNo}版`).join('、') || '无'}。`,
      { version: wanted },
    );
  }
  return { versions, version };
}

export const listPlans = defineRoute({
  method: 'get',
  path: '/api/plans',
  summary: '计划列表：本单位及下级单位的计划（含草稿），以及上级单位已发布的计划',
  tag: TAG,
  auth: plansRead,
  query: z.object({ year: yearField.optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const ancestors = who.scope.path.split('.').filter((c) => c !== who.scope.unitCode);
    let q = db
      .selectFrom('plan as p')
      .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
      .innerJoin('plan_version as v', (j) =>
        j
          .onRef('v.unit_code', '=', 'p.unit_code')
          .onRef('v.plan_id', '=', 'p.id')
          .on((eb) =>
            eb.or([
              eb.and([
                eb('p.unit_code', 'in', who.scope.unitCodes),
                eb('v.version_no', '=', eb.fn.coalesce('p.draft_version', 'p.published_version')),
              ]),
              eb.and([eb('p.unit_code', 'not in', who.scope.unitCodes), eb('v.version_no', '=', eb.ref('p.published_version'))]),
            ]),
          ),
      )
      .select((eb) => [
        'p.id',
        'p.unit_code',
        'o.name as unit_name',
        'o.path as unit_path',
        'p.year',
        'p.kind',
        'p.status',
        'p.published_version',
        'p.draft_version',
        'p.filed_version',
        'p.filed_at',
        'p.filed_by_name',
        'p.created_by_name',
        'p.updated_at',
        'v.title',
        'v.doc_number',
        'v.deadline',
        'v.version_no',
        eb
          .selectFrom('plan_task as t')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('t.unit_code', '=', 'p.unit_code')
          .whereRef('t.plan_id', '=', 'p.id')
          .whereRef('t.version_no', '=', 'v.version_no')
          .as('task_count'),
      ])
      .where((eb) =>
        eb.or([
          eb('p.unit_code', 'in', who.scope.unitCodes),
          ...(ancestors.length > 0 ? [eb.and([eb('p.unit_code', 'in', ancestors), eb('p.published_version', 'is not', null)])] : []),
        ]),
      );
    if (query.year !== undefined) q = q.where('p.year', '=', query.year);
    const rows = await q.orderBy('p.year', 'desc').orderBy('o.path').orderBy('v.title').execute();
    const items = rows.map((r) => ({
      id: r.id,
      unitCode: r.unit_code,
      unitName: r.unit_name,
      year: r.year,
      kind: r.kind,
      status: r.status,
      publishedVersion: r.published_version,
      draftVersion: r.draft_version,
      filedVersion: r.filed_version,
      filedAt: r.filed_at,
      title: r.title,
      docNumber: r.doc_number,
      deadline: r.deadline,
      versionNo: r.version_no,
      taskCount: Number(r.task_count ?? 0),
      own: who.scope.unitCodes.includes(r.unit_code),
      updatedAt: r.updated_at,
    }));
    return { items, total: items.length };
  },
});

export const parsePlanText = defineRoute({
  method: 'post',
  path: '/api/plans/parse',
  summary: '试解析粘贴的计划表（制表符分隔，首行为表头）：逐格列出识别结果和问题，不保存',
  tag: TAG,
  auth: plansWrite,
  bodyLimit: MAX_TABLE_TEXT + 1024,
  body: z.object({ text: z.string().min(1, '请粘贴计划表（含表头）').max(MAX_TABLE_TEXT, '粘贴的内容过长（最多 2 MB）'), year: yearField }),
  async handler({ body }) {
    return tablePreview(parsePlanTable(body.text, { year: body.year }));
  },
});

const headerFields = {
  title: titleField.optional(),
  docNumber: docNumberField.optional(),
  deadline: dateField.nullable().optional(),
};

export const createPlanRoute = defineRoute({
  method: 'post',
  path: '/api/plans',
  summary: '新建计划草稿：空白，或由粘贴的计划表生成任务（未能识别的单元格随任务保存，修改后才能发布）',
  tag: TAG,
  auth: plansWrite,
  bodyLimit: MAX_TABLE_TEXT + 4096,
  body: z.object({
    year: yearField,
    unitCode: z.string().trim().min(1).max(40).optional(),
    kind: kindField.default('own'),
    ...headerFields,
    text: z.string().max(MAX_TABLE_TEXT, '粘贴的内容过长（最多 2 MB）').optional(),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const unit = await targetUnit(db, who, body.unitCode);
    let table: PlanTable | null = null;
    if (body.text !== undefined && body.text.trim() !== '') {
      table = parsePlanTable(body.text, { year: body.year });
      assertReadable(table, '粘贴的计划表');
    }
    const id = await db.transaction().execute((trx) =>
      createPlan(
        trx,
        {
          unitCode: unit.code,
          year: body.year,
          kind: body.kind,
          header: {
            title: body.title ?? defaultTitle(unit.name, body.year, body.kind),
            docNumber: body.docNumber ?? '',
            deadline: body.deadline ?? null,
          },
          table,
          sourceFileName: null,
        },
        actorOf(who),
      ),
    );
    return { id, taskCount: table?.tasks.length ?? 0, problems: table?.problems ?? [] };
  },
});

export const importPlanFile = defineRoute({
  method: 'post',
  path: '/api/plans/import',
  summary: '导入计划表文件（.xlsx/.csv/.tsv/.txt，种子文件中的表格样式）；dryRun=true 只解析不保存',
  tag: TAG,
  auth: plansWrite,
  upload: { maxBytes: 20 * 1024 * 1024 },
  query: z.object({
    year: yearField,
    unitCode: z.string().trim().min(1).max(40).optional(),
    kind: kindField.default('own'),
    title: titleField.optional(),
    docNumber: docNumberField.optional(),
    deadline: dateField.optional(),
    dryRun: flagField,
  }),
  async handler({ app, caller, query, upload }) {
    const who = requireCaller(caller);
    if (!upload) throw new AppError('BAD_FILE', '请上传计划表文件（.xlsx、.csv，或制表符分隔的 .tsv/.txt）。');
    const db = app.database.db;
    const unit = await targetUnit(db, who, query.unitCode);
    const table = await readPlanFile(upload.path, upload.fileName, query.year);
    if (query.dryRun) return { dryRun: true, ...tablePreview(table) };
    const id = await db.transaction().execute((trx) =>
      createPlan(
        trx,
        {
          unitCode: unit.code,
          year: query.year,
          kind: query.kind,
          header: {
            title: query.title ?? defaultTitle(unit.name, query.year, query.kind),
            docNumber: query.docNumber ?? '',
            deadline: query.deadline ?? null,
          },
          table,
          sourceFileName: upload.fileName,
        },
        actorOf(who),
      ),
    );
    return { dryRun: false, id, ...tablePreview(table) };
  },
});

export const getPlan = defineRoute({
  method: 'get',
  path: '/api/plans/:id',
  summary: '计划详情：版本列表、所选版本（默认：本单位为草稿，其他单位为已发布版本）及其任务、实时户数',
  tag: TAG,
  auth: plansRead,
  params: idParams,
  query: z.object({ version: z.coerce.number().int().min(1, '版本号从 1 开始').optional() }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const { plan, own } = await planInReach(db, who.scope, params.id, 'read');
    const { versions, version } = await readableVersion(db, plan, own, query.version);
    const tasks = await loadTasks(db, plan, version.versionNo, true);
    const editable = own && version.state === 'draft';
    return { plan: planSummary(plan), own, editable, versions, version, tasks };
  },
});

export const planChecks = defineRoute({
  method: 'get',
  path: '/api/plans/:id/checks',
  summary: '计划检查提示：与上级或联合任务重复、事项覆盖率、下半年集中、未使用信用风险分类、低风险企业重复检查、对象范围',
  tag: TAG,
  auth: plansRead,
  params: idParams,
  query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const { plan, own } = await planInReach(db, who.scope, params.id, 'read');
    const { version } = await readableVersion(db, plan, own, query.version);
    const tasks = await loadTasks(db, plan, version.versionNo, true);
    return { versionNo: version.versionNo, warnings: await planWarnings(db, plan, tasks) };
  },
});

export const planDiff = defineRoute({
  method: 'get',
  path: '/api/plans/:id/diff',
  summary: '两个版本的差异（默认：当前版本与上一版本）：计划名称/文号/时限，及按任务编号逐格比较的新增、删除、修改',
  tag: TAG,
  auth: plansRead,
  params: idParams,
  query: z.object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const { plan, own } = await planInReach(db, who.scope, params.id, 'read');
    const { versions, version: to } = await readableVersion(db, plan, own, query.to);
    const fromNo = query.from ?? to.versionNo - 1;
    const from = versions.find((v) => v.versionNo === fromNo);
    if (!from || fromNo === to.versionNo) {
      throw new AppError(
        'NOT_FOUND',
        `没有可与第${to.versionNo}版比较的第${fromNo}版。现有版本：${versions.map((v) => `第${v.versionNo}版`).join('、')}。`,
        { from: fromNo },
      );
    }
    const snapshot = async (v: VersionView) => {
      const tasks = await loadTasks(db, plan, v.versionNo, false);
      return {
        title: v.title,
        docNumber: v.docNumber,
        deadline: v.deadline,
        tasks: tasks.map((t: TaskView) => ({ code: t.code, cells: t.cells, population: t.subLibrary?.name ?? null })),
      };
    };
    const diff = diffVersions(await snapshot(from), await snapshot(to));
    return { from, to, ...diff };
  },
});

export const exportPlan = defineRoute({
  method: 'get',
  path: '/api/plans/:id/export',
  summary: '导出计划表 .xlsx（种子文件的表格样式，附任务编号），可作通知附件',
  tag: TAG,
  auth: plansRead,
  params: idParams,
  query: z.object({ version: z.coerce.number().int().min(1).optional() }),
  async handler({ app, caller, params, query, c }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const { plan, own } = await planInReach(db, who.scope, params.id, 'read');
    const { version } = await readableVersion(db, plan, own, query.version);
    const tasks = await loadTasks(db, plan, version.versionNo, false);
    const buffer = await planWorkbook(plan, version, tasks);
    const fileName = `${version.title}（第${version.versionNo}版）.xlsx`;
    return c.body(new Uint8Array(buffer), 200, { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': contentDisposition(fileName) });
  },
});

export const updatePlanHeader = defineRoute({
  method: 'patch',
  path: '/api/plans/:id',
  summary: '修改草稿的计划名称、文号、完成时限（已发布的版本不能直接修改）',
  tag: TAG,
  auth: plansWrite,
  params: idParams,
  body: z.object(headerFields),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    await updateDraftHeader(
      app.database.db,
      who.scope,
      params.id,
      {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.docNumber !== undefined ? { docNumber: body.docNumber } : {}),
        ...(body.deadline !== undefined ? { deadline: body.deadline } : {}),
      },
      actorOf(who),
    );
    return { ok: true };
  },
});

export const addPlanTask = defineRoute({
  method: 'post',
  path: '/api/plans/:id/tasks',
  summary: '在草稿中新增任务（按列填写，与导入同样解析；分配新的任务编号）',
  tag: TAG,
  auth: plansWrite,
  params: idParams,
  body: taskBody,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return addTask(app.database.db, who.scope, params.id, { cells: body.cells, subLibraryId: body.subLibraryId }, actorOf(who));
  },
});

export const updatePlanTask = defineRoute({
  method: 'put',
  path: '/api/plans/:id/tasks/:code',
  summary: '修改草稿中的任务（按列填写并重新解析，可关联名录分库）',
  tag: TAG,
  auth: plansWrite,
  params: taskParams,
  body: taskBody,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return updateTask(
      app.database.db,
      who.scope,
      params.id,
      params.code,
      { cells: body.cells, subLibraryId: body.subLibraryId },
      actorOf(who),
    );
  },
});

export const deletePlanTask = defineRoute({
  method: 'delete',
  path: '/api/plans/:id/tasks/:code',
  summary: '从草稿中删除任务',
  tag: TAG,
  auth: plansWrite,
  params: taskParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    await deleteTask(app.database.db, who.scope, params.id, params.code, actorOf(who));
    return { ok: true };
  },
});

export const publishPlanRoute = defineRoute({
  method: 'post',
  path: '/api/plans/:id/publish',
  summary: '发布草稿（首次发布或调整后的新版本，调整须填原因）：在门户“抽查计划公告”公开',
  tag: TAG,
  auth: plansWrite,
  params: idParams,
  body: z.object({ reason: z.string().trim().max(500, '调整原因最多 500 个字').optional() }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return publishPlan(app.database.db, who.scope, params.id, body.reason, actorOf(who));
  },
});

/** A body-less step on one plan: the use case does the state check, the work and the audit. */
function planStep(
  method: 'post' | 'delete',
  path: string,
  summary: string,
  run: (db: Kysely<DB>, scope: UnitScope, id: string, actor: Actor) => Promise<unknown>,
) {
  return defineRoute({
    method,
    path,
    summary,
    tag: TAG,
    auth: plansWrite,
    params: idParams,
    async handler({ app, caller, params }) {
      const who = requireCaller(caller);
      return (await run(app.database.db, who.scope, params.id, actorOf(who))) ?? { ok: true };
    },
  });
}

export const adjustPlanRoute = planStep(
  'post',
  '/api/plans/:id/adjust',
  '调整已发布的计划：以当前发布版本为底稿生成新版本草稿',
  adjustPlan,
);
export const discardPlanAdjustment = planStep(
  'post',
  '/api/plans/:id/discard',
  '放弃调整中的草稿（已发布的版本不受影响）',
  discardAdjustment,
);
export const filePlanRoute = planStep('post', '/api/plans/:id/file', '报上级单位备案（须先发布；调整后的新版本需重新备案）', filePlan);
export const deletePlanRoute = planStep('delete', '/api/plans/:id', '删除从未发布过的计划草稿', deletePlan);

export const planRoutes = [
  listPlans,
  parsePlanText,
  importPlanFile,
  createPlanRoute,
  getPlan,
  planChecks,
  planDiff,
  exportPlan,
  updatePlanHeader,
  addPlanTask,
  updatePlanTask,
  deletePlanTask,
  publishPlanRoute,
  adjustPlanRoute,
  discardPlanAdjustment,
  filePlanRoute,
  deletePlanRoute,
] as const;
