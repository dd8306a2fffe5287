// 双随机抽取 API (issue 5): preview and commit a task batch, the ceremony, void and re-draw,
// reserves, inspector matching, bundles; the public 任务公告 with the commit before the seed.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { allocationForTask } from '../../core/plan/index.ts';
import type { UnitScope } from '../access/scope.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, publicRoute, requireCaller, type Caller } from '../http/route.ts';
import { commitTaskDraw, matchDrawInspectors, runCeremony, swapInspectors, useReserve, voidDraw } from './drawCommands.ts';
import { taskFrameCounts } from './drawFrame.ts';
import { loadTaskInReach } from './drawTask.ts';
import { bundleFile, commitView, drawQuery, drawView, publicBundle, type DrawRow } from './drawViews.ts';

const TAG = '双随机抽取';
const actorOf = (who: Caller) => ({ userId: who.userId, name: who.displayName });
const codeParams = z.object({ code: z.string().trim().min(1, '请指定任务编号').max(60, '任务编号过长') });
const idParams = z.object({ id: z.uuid('抽取记录编号应为 UUID') });
const reasonField = z.string().trim().min(4, '请写明原因（至少 4 个字）').max(500, '原因最多 500 个字');

/** A draw the caller's units made, or one whose visits its units inspect (市抽县查). */
async function drawInReach(db: Kysely<DB>, scope: UnitScope, id: string): Promise<{ row: DrawRow; own: boolean }> {
  const row = await drawQuery(db).where('d.id', '=', id).executeTakeFirst();
  if (row) {
    const own = scope.unitCodes.includes(row.unit_code);
    const units = Object.values(
      ((row.matching as { visitUnits?: Record<string, string> } | null)?.visitUnits ?? {}) as Record<string, string>,
    );
    if (own || units.some((u) => scope.unitCodes.includes(u))) return { row, own };
    // The inspecting county of a 市抽县查 task before matching: reach through the task.
    try {
      const task = await loadTaskInReach(db, scope, row.task_code);
      if (task.reach.inspects) return { row, own: false };
    } catch {
      /* not in reach */
    }
  }
  throw new AppError('NOT_FOUND', `抽取记录 ${id} 不存在，或与您当前所在单位（${scope.unitName}）无关。`, { id });
}

export const previewDraw = defineRoute({
  method: 'get',
  path: '/api/tasks/:code/draw-preview',
  summary: '抽取前预览：任务的抽查名录（名录分库在本单位范围内）、按风险等级户数、排除名单及原因、分配方式',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: codeParams,
  query: z.object({ manualCount: z.coerce.number().int().min(1).optional() }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const task = await loadTaskInReach(db, who.scope, params.code);
    const frame = await taskFrameCounts(db, who.scope, task, todayInChina());
    const allocation = allocationForTask(task.quota, task.riskPolicy, query.manualCount);
    const draws = (await drawQuery(db).where('d.task_code', '=', task.code).orderBy('d.batch_no').orderBy('d.attempt').execute()).map(
      commitView,
    );
    return { task, entries: frame.entries, counts: frame.counts, excluded: frame.excluded, allocation, draws };
  },
});

export const commitDrawRoute = defineRoute({
  method: 'post',
  path: '/api/tasks/:code/draws',
  summary: '承诺：冻结抽查名录和排除名单、声明随机来源（骰子/彩票/信标），计算并公示承诺值；此时尚无种子',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: codeParams,
  body: z.object({
    batch: z.number().int().min(1, '批次从 1 开始').max(12, '批次最多 12').default(1),
    publicSource: z.object({
      kind: z.enum(['dice', 'lottery', 'beacon'], {
        message: '公开随机来源只能是 dice（现场骰子）、lottery（彩票开奖号）或 beacon（随机信标）',
      }),
      name: z.string().trim().min(6, '请写明来源，如“2026-03-12 公开摇号现场骰子（纪检监察员见证）”').max(120, '来源说明最多 120 个字'),
    }),
    reserve: z.number().int().min(0, '备选数不能为负').max(50, '每个风险等级最多 50 个备选').default(2),
    manualCount: z.number().int().min(1).max(100000).optional(),
    reason: z.string().trim().max(500, '原因最多 500 个字').optional(),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return commitTaskDraw(
      app.database.db,
      who.scope,
      {
        taskCode: params.code,
        batch: body.batch,
        publicSource: body.publicSource,
        reserve: body.reserve,
        ...(body.manualCount !== undefined ? { manualCount: body.manualCount } : {}),
        ...(body.reason !== undefined ? { reason: body.reason } : {}),
      },
      actorOf(who),
    );
  },
});

export const getDraw = defineRoute({
  method: 'get',
  path: '/api/draws/:id',
  summary: '抽取记录：承诺、随机来源与种子、按风险等级的抽中名单与票号、备选、检查户与事项、检查人员匹配',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const { row, own } = await drawInReach(app.database.db, who.scope, params.id);
    const reserveUses = await app.database.db
      .selectFrom('draw_reserve_use')
      .selectAll()
      .where('unit_code', '=', row.unit_code)
      .where('draw_id', '=', row.id)
      .execute();
    return { ...drawView(row), own, reserveUses };
  },
});

export const ceremonyRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/ceremony',
  summary: '摇号：录入见证人给出的骰子数字（至少 20 位）或彩票/信标取值，平台随机数自动揭示，随即抽取并锁定结果',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    value: z.string().trim().min(1, '请录入随机来源的取值').max(200, '取值过长'),
    witnessName: z.string().trim().min(2, '请填写见证人姓名').max(40, '见证人姓名过长'),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    await drawInReach(app.database.db, who.scope, params.id);
    return runCeremony(app.database.db, who.scope, params.id, body, actorOf(who));
  },
});

export const voidDrawRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/void',
  summary: '作废抽取记录（须写明原因；作废的记录仍然可见）。重抽须以新的承诺重新公示',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({ reason: reasonField }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    await voidDraw(app.database.db, who.scope, params.id, body.reason, actorOf(who));
    return { ok: true };
  },
});

export const useReserveRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/reserves',
  summary: '启用备选：以同组同风险等级的下一个备选替补抽中对象（须写明原因，如“已注销”）',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({ replacedId: z.string().trim().min(1, '请指定被替补的对象').max(40), reason: reasonField }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return useReserve(app.database.db, who.scope, params.id, body, actorOf(who));
  },
});

export const matchRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/match',
  summary: '匹配检查人员（抽取规范第8条）：每户至少2人且至少1名持有效执法证、回避、可选交叉互查与每人上限；最小代价分配',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    capPerInspector: z.number().int().min(1, '每人上限至少 1').max(1000).nullable().default(null),
    crossRegionUnits: z.array(z.string().trim().min(1).max(40)).max(50).nullable().default(null),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    await drawInReach(app.database.db, who.scope, params.id);
    return matchDrawInspectors(app.database.db, who.scope, params.id, body, actorOf(who));
  },
});

export const swapRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/swaps',
  summary: '人工调整某户的检查人员（须写明原因；仍须满足至少2人、至少1名持证执法人员和回避），记录并随抽取记录公开',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  body: z.object({
    visitId: z.string().trim().min(1, '请指定检查户').max(40),
    inspectors: z.array(z.string().trim().min(1).max(60)).min(2, '每户至少安排 2 名检查人员').max(10),
    reason: reasonField,
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    await drawInReach(app.database.db, who.scope, params.id);
    return swapInspectors(app.database.db, who.scope, params.id, body, actorOf(who));
  },
});

export const bundleRoute = defineRoute({
  method: 'get',
  path: '/api/draws/:id/bundle',
  summary: '下载抽取包（JSON）：审计包含抽查名录与排除名单；public=true 时只含哈希与户数',
  tag: TAG,
  auth: moduleRead('tasks'),
  params: idParams,
  query: z.object({ public: z.enum(['true', 'false']).optional() }),
  async handler({ app, caller, params, query, c }) {
    const who = requireCaller(caller);
    const { row, own } = await drawInReach(app.database.db, who.scope, params.id);
    if (row.status !== 'drawn') throw new AppError('INVALID_STATE', `抽取记录 ${row.draw_code} 尚未摇号或已作废，没有抽取包。`);
    const wantPublic = query.public === 'true' || !own;
    const bundle = await bundleFile(app.database.db, row, wantPublic ? 'public' : 'auditor');
    const fileName = `${row.draw_code}${wantPublic ? '-public' : ''}.bundle.json`;
    return c.body(JSON.stringify(bundle, null, 2), 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
    });
  },
});

export const publishResultRoute = defineRoute({
  method: 'post',
  path: '/api/draws/:id/publish-result',
  summary: '检查实施后公开抽取结果（公开包：随机来源、种子、分配、抽中名单、人员匹配；名录只公开哈希）',
  tag: TAG,
  auth: moduleWrite('tasks'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const { row, own } = await drawInReach(app.database.db, who.scope, params.id);
    if (!own) throw new AppError('FORBIDDEN_UNIT', '只有抽取单位可以公开抽取结果。');
    if (row.status !== 'drawn') throw new AppError('INVALID_STATE', `抽取记录 ${row.draw_code} 尚未摇号或已作废，不能公开结果。`);
    if (row.result_public_at) return { resultPublicAt: row.result_public_at };
    const at = new Date();
    await app.database.db.transaction().execute(async (trx) => {
      await trx.updateTable('draw').set({ result_public_at: at }).where('unit_code', '=', row.unit_code).where('id', '=', row.id).execute();
      await recordAudit(trx, {
        unitCode: row.unit_code,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'draw.publishResult',
        objectType: 'draw',
        objectId: row.id,
      });
    });
    return { resultPublicAt: at };
  },
});

export const publicDraws = defineRoute({
  method: 'get',
  path: '/api/public/draws',
  summary: '抽查任务公告：每次抽取的承诺值与按风险等级户数（摇号之前公示），作废与重抽记录，已公开的抽取结果',
  tag: '公开',
  auth: publicRoute,
  query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), taskCode: z.string().trim().max(60).optional() }),
  async handler({ app, query }) {
    let q = drawQuery(app.database.db);
    if (query.year !== undefined) q = q.where('d.year', '=', query.year);
    if (query.taskCode) q = q.where('d.task_code', '=', query.taskCode);
    const rows = await q.orderBy('d.created_at', 'desc').limit(200).execute();
    return {
      items: rows.map((r) => ({
        ...commitView(r),
        drawnAt: r.drawn_at,
        resultPublic: r.result_public_at !== null,
        sampleSize: r.result_public_at ? ((r.result as { sample: unknown[] } | null)?.sample.length ?? null) : null,
      })),
    };
  },
});

export const publicDrawBundle = defineRoute({
  method: 'get',
  path: '/api/public/draws/:id/bundle',
  summary: '公开抽取包（检查实施后公开）：任何人可用 /gs/verify 或 ssj verify 复核',
  tag: '公开',
  auth: publicRoute,
  params: idParams,
  async handler({ app, params }) {
    const row = await drawQuery(app.database.db).where('d.id', '=', params.id).executeTakeFirst();
    if (!row || row.status !== 'drawn' || !row.result_public_at)
      throw new AppError('NOT_FOUND', '该抽取结果尚未公开（检查实施后公开），或不存在。');
    return publicBundle(app.database.db, row);
  },
});

export const drawRoutes = [
  previewDraw,
  commitDrawRoute,
  getDraw,
  ceremonyRoute,
  voidDrawRoute,
  useReserveRoute,
  matchRoute,
  swapRoute,
  bundleRoute,
  publishResultRoute,
  publicDraws,
  publicDrawBundle,
] as const;
