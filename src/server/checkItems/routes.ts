// 随机抽查事项清单：版本、事项、认领、导入导出（seed 003 一(一)）.
// A unit sees the lists issued by itself and its ancestors (drafts only of itself and below)
// and the claims of itself and below; claims belong to the caller's active unit.
import { z } from 'zod';
import { todayInChina } from '../clock.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, type Caller } from '../http/route.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { escapeLike } from '../http/sqlText.ts';
import { loadCheckItemVersionFor } from './policy.ts';
import { contentDisposition, writeXlsx, XLSX_CONTENT_TYPE } from '../files/spreadsheet.ts';
import { CHECK_METHODS, diffVersions } from './itemRows.ts';
import {
  ancestorsOrSelf,
  claimItems,
  findUnit,
  findVersion,
  importCheckItemList,
  issueVersion,
  itemFieldsOf,
  loadVersionItems,
  resolveReview,
  unclaimItems,
} from './checkItemLists.ts';

const TAG = '随机抽查事项清单';
const directoriesRead = moduleRead('directories');
const directoriesWrite = moduleWrite('directories');

const actorOf = (who: Caller) => ({ userId: who.userId, name: who.displayName });

/** A version the caller may see (policy.ts), or the one NOT_FOUND answer. */
const visibleVersion = (db: Kysely<DB>, who: Caller, versionId: string) => loadCheckItemVersionFor(db, who, versionId, 'read');

const presentVersion = (v: {
  id: string;
  issuing_unit_code: string;
  title: string;
  version_no: number;
  status: string;
  issued_on: string | null;
  previous_version_id: string | null;
  source_file_name: string | null;
  item_count: number;
  created_by_name: string;
  created_at: Date;
  issuing_unit_name?: string;
}) => ({
  id: v.id,
  issuingUnitCode: v.issuing_unit_code,
  issuingUnitName: v.issuing_unit_name ?? null,
  title: v.title,
  versionNo: v.version_no,
  status: v.status,
  issuedOn: v.issued_on,
  previousVersionId: v.previous_version_id,
  sourceFileName: v.source_file_name,
  itemCount: v.item_count,
  createdByName: v.created_by_name,
  createdAt: v.created_at,
});

const uuidParams = z.object({ id: z.uuid('版本编号格式不正确') });
const itemCodeList = z.array(z.string().min(1).max(40)).min(1, '请至少勾选一个事项').max(2000, '一次最多 2000 个事项');

export const listVersions = defineRoute({
  method: 'get',
  path: '/api/check-items/versions',
  summary: '可见的事项清单版本（本单位及上级发布的已发布版本，本单位及下级的草稿）',
  tag: TAG,
  auth: directoriesRead,
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    const ancestors = ancestorsOrSelf(who.scope.path);
    const rows = await app.database.db
      .selectFrom('check_item_version as v')
      .innerJoin('org_unit as u', 'u.code', 'v.issuing_unit_code')
      .selectAll('v')
      .select('u.name as issuing_unit_name')
      .where((eb) =>
        eb.or([eb('v.issuing_unit_code', 'in', who.scope.unitCodes), eb.and([eb('v.issuing_unit_code', 'in', ancestors), eb('v.status', '=', 'issued')])]),
      )
      .orderBy('u.path')
      .orderBy('v.version_no', 'desc')
      .execute();
    const claimed = await app.database.db
      .selectFrom('check_item_claim')
      .select(['version_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('unit_code', '=', who.scope.unitCode)
      .groupBy('version_id')
      .execute();
    const claimedBy = new Map(claimed.map((c) => [c.version_id, Number(c.n)]));
    return { items: rows.map((v) => ({ ...presentVersion(v), claimedByMyUnit: claimedBy.get(v.id) ?? 0 })) };
  },
});

export const getVersion = defineRoute({
  method: 'get',
  path: '/api/check-items/versions/:id',
  summary: '清单版本详情（含抽查类别统计）',
  tag: TAG,
  auth: directoriesRead,
  params: uuidParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const version = await visibleVersion(app.database.db, who, params.id);
    const unit = await findUnit(app.database.db, version.issuing_unit_code);
    const categories = await app.database.db
      .selectFrom('check_item')
      .select(['category', (eb) => eb.fn.countAll<string>().as('n')])
      .where('version_id', '=', version.id)
      .groupBy('category')
      .orderBy('category')
      .execute();
    return {
      ...presentVersion({ ...version, issuing_unit_name: unit.name }),
      categories: categories.map((c) => ({ category: c.category, count: Number(c.n) })),
      canClaim: version.status === 'issued' && ancestorsOrSelf(who.scope.path).includes(version.issuing_unit_code),
    };
  },
});

export const listVersionItems = defineRoute({
  method: 'get',
  path: '/api/check-items/versions/:id/items',
  summary: '清单版本的事项（分页、搜索、按类别/检查方式/重点筛选），附本单位认领状态',
  tag: TAG,
  auth: directoriesRead,
  params: uuidParams,
  query: z.object({
    ...pagingQuery,
    q: z.string().max(100).optional(),
    category: z.string().max(100).optional(),
    method: z.enum(CHECK_METHODS as [string, ...string[]], { error: `检查方式应为 ${CHECK_METHODS.join('、')}` }).optional(),
    key: z.enum(['true', 'false'], { error: '是否重点只能是 重点 或 一般' }).optional(),
    claimed: z.enum(['true', 'false']).optional(),
  }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const version = await visibleVersion(db, who, params.id);
    let base = db
      .selectFrom('check_item as i')
      .leftJoin('check_item_claim as c', (join) =>
        join
          .onRef('c.item_code', '=', 'i.item_code')
          .on('c.issuing_unit_code', '=', version.issuing_unit_code)
          .on('c.unit_code', '=', who.scope.unitCode),
      )
      .where('i.version_id', '=', version.id);
    if (query.q) {
      const pattern = `%${escapeLike(query.q)}%`;
      base = base.where((eb) =>
        eb.or([eb('i.name', 'like', pattern), eb('i.item_code', 'like', pattern), eb('i.content', 'like', pattern), eb('i.legal_basis', 'like', pattern)]),
      );
    }
    if (query.category) base = base.where('i.category', '=', query.category);
    if (query.method) base = base.where((eb) => eb(eb.val(query.method), '=', eb.fn.any('i.methods')));
    if (query.key) base = base.where('i.is_key', '=', query.key === 'true');
    if (query.claimed) base = base.where('c.item_code', query.claimed === 'true' ? 'is not' : 'is', null);
    const total = await countRows(base);
    const rows = await base
      .selectAll('i')
      .select([
        'c.item_code as claim_item_code',
        'c.version_id as claim_version_id',
        'c.claimed_on',
        'c.responsible_office',
        'c.local_note',
        'c.review_status',
        'c.review_reason',
        'c.changed_fields',
      ])
      .orderBy('i.seq')
      .orderBy('i.item_code')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        ...itemFieldsOf(r),
        claim: r.claim_item_code
          ? {
              claimedOn: r.claimed_on,
              responsibleOffice: r.responsible_office,
              localNote: r.local_note,
              reviewStatus: r.review_status,
              reviewReason: r.review_reason,
              changedFields: r.changed_fields ?? [],
              versionId: r.claim_version_id,
            }
          : null,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const importVersion = defineRoute({
  method: 'post',
  path: '/api/check-items/versions/import',
  summary: '从 .xlsx/.csv 导入新的清单版本（草稿）；有任何行错误则全部不导入并逐行列出；dryRun=true 只校验',
  tag: TAG,
  auth: directoriesWrite,
  upload: { maxBytes: 20 * 1024 * 1024 },
  query: z.object({
    title: z.string().trim().min(2, '请填写清单标题，如「山西省市场监管系统随机抽查事项清单（第三版）」').max(200, '清单标题不超过 200 字'),
    dryRun: z.enum(['true', 'false']).optional(),
  }),
  async handler({ app, caller, query, upload }) {
    const who = requireCaller(caller);
    if (!upload) throw new AppError('BAD_FILE', '请上传事项清单文件（.xlsx 或 .csv）。');
    return importCheckItemList(app.database.db, {
      filePath: upload.path,
      fileName: upload.fileName,
      issuingUnitCode: who.scope.unitCode,
      title: query.title,
      dryRun: query.dryRun === 'true',
      actor: actorOf(who),
    });
  },
});

export const issueVersionRoute = defineRoute({
  method: 'post',
  path: '/api/check-items/versions/:id/issue',
  summary: '发布清单版本（草稿 → 已发布）；返回与上一版的差异和需复核的认领数',
  tag: TAG,
  auth: directoriesWrite,
  params: uuidParams,
  body: z.object({ issuedOn: z.iso.date('发布日期格式应为 YYYY-MM-DD').optional() }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    return db.transaction().execute(async (trx) => {
      const version = await loadCheckItemVersionFor(trx, who, params.id, 'act');
      return issueVersion(trx, version.id, actorOf(who), body.issuedOn ?? todayInChina());
    });
  },
});

export const diffVersionRoute = defineRoute({
  method: 'get',
  path: '/api/check-items/versions/:id/diff',
  summary: '与上一版（或 against 指定版本）的差异：新增、删除、变更字段',
  tag: TAG,
  auth: directoriesRead,
  params: uuidParams,
  query: z.object({ against: z.uuid('对比版本编号格式不正确').optional() }),
  async handler({ app, caller, params, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const version = await visibleVersion(db, who, params.id);
    let againstId = query.against ?? version.previous_version_id;
    if (!againstId) {
      // A draft compares with the newest issued version of its list.
      const latest = await db
        .selectFrom('check_item_version')
        .select('id')
        .where('issuing_unit_code', '=', version.issuing_unit_code)
        .where('status', '=', 'issued')
        .where('id', '!=', version.id)
        .orderBy('version_no', 'desc')
        .limit(1)
        .executeTakeFirst();
      againstId = latest?.id ?? null;
    }
    if (!againstId) return { versionId: version.id, against: null, diff: null };
    const against = await visibleVersion(db, who, againstId);
    const diff = diffVersions(await loadVersionItems(db, against.id), await loadVersionItems(db, version.id));
    return { versionId: version.id, against: presentVersion(against), diff };
  },
});

export const claimItemsRoute = defineRoute({
  method: 'post',
  path: '/api/check-items/claims',
  summary: '本单位认领事项（批量）；只能认领本单位或上级发布的最新版本中的事项',
  tag: TAG,
  auth: directoriesWrite,
  body: z.object({
    versionId: z.uuid('请指定清单版本'),
    itemCodes: itemCodeList,
    responsibleOffice: z.string().trim().max(100).optional(),
    localNote: z.string().trim().max(500).optional(),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute((trx) =>
      claimItems(trx, {
        unitCode: who.scope.unitCode,
        versionId: body.versionId,
        itemCodes: body.itemCodes,
        responsibleOffice: body.responsibleOffice || null,
        localNote: body.localNote || null,
        actor: actorOf(who),
        today: todayInChina(),
      }),
    );
  },
});

export const unclaimItemsRoute = defineRoute({
  method: 'post',
  path: '/api/check-items/claims/remove',
  summary: '取消本单位对事项的认领（批量）',
  tag: TAG,
  auth: directoriesWrite,
  body: z.object({ versionId: z.uuid('请指定清单版本'), itemCodes: itemCodeList }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    await visibleVersion(app.database.db, who, body.versionId);
    return app.database.db
      .transaction()
      .execute((trx) => unclaimItems(trx, { unitCode: who.scope.unitCode, versionId: body.versionId, itemCodes: body.itemCodes, actor: actorOf(who) }));
  },
});

export const listReviewClaims = defineRoute({
  method: 'get',
  path: '/api/check-items/claims/review',
  summary: '待复核的认领（新版清单删除或修改了已认领的事项），本单位及下级',
  tag: TAG,
  auth: directoriesRead,
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    const rows = await app.database.db
      .selectFrom('check_item_claim as c')
      .innerJoin('check_item as i', (join) => join.onRef('i.version_id', '=', 'c.version_id').onRef('i.item_code', '=', 'c.item_code'))
      .innerJoin('org_unit as u', 'u.code', 'c.unit_code')
      .leftJoin('check_item_version as nv', 'nv.id', 'c.review_version_id')
      .select([
        'c.unit_code',
        'u.name as unit_name',
        'c.issuing_unit_code',
        'c.item_code',
        'i.name',
        'i.category',
        'c.review_reason',
        'c.changed_fields',
        'c.claimed_on',
        'c.responsible_office',
        'nv.id as new_version_id',
        'nv.title as new_version_title',
      ])
      .where('c.unit_code', 'in', who.scope.unitCodes)
      .where('c.review_status', '=', 'needs_review')
      .orderBy('c.unit_code')
      .orderBy('i.seq')
      .execute();
    return {
      items: rows.map((r) => ({
        unitCode: r.unit_code,
        unitName: r.unit_name,
        issuingUnitCode: r.issuing_unit_code,
        itemCode: r.item_code,
        name: r.name,
        category: r.category,
        reason: r.review_reason,
        changedFields: r.changed_fields,
        claimedOn: r.claimed_on,
        responsibleOffice: r.responsible_office,
        newVersionId: r.new_version_id,
        newVersionTitle: r.new_version_title,
      })),
    };
  },
});

export const resolveReviewRoute = defineRoute({
  method: 'post',
  path: '/api/check-items/claims/review',
  summary: '复核本单位的待复核认领：keep 按新版保留，drop 放弃认领',
  tag: TAG,
  auth: directoriesWrite,
  body: z.object({
    issuingUnitCode: z.string().min(1, '请指定发布单位').max(64),
    itemCodes: itemCodeList,
    decision: z.enum(['keep', 'drop'], { error: '审核意见只能是 保留 或 放弃' }),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute((trx) =>
      resolveReview(trx, {
        unitCode: who.scope.unitCode,
        issuingUnitCode: body.issuingUnitCode,
        itemCodes: body.itemCodes,
        decision: body.decision,
        actor: actorOf(who),
      }),
    );
  },
});

/** Export columns: the import layout (so an export re-imports) plus the caller's claim. */
export const EXPORT_COLUMNS = [
  { header: '序号', key: 'seq', width: 6 },
  { header: '事项编码', key: 'itemCode', width: 14 },
  { header: '抽查类别', key: 'category', width: 18 },
  { header: '抽查事项', key: 'name', width: 36 },
  { header: '抽查内容', key: 'content', width: 36 },
  { header: '检查依据', key: 'legalBasis', width: 48 },
  { header: '检查对象', key: 'target', width: 24 },
  { header: '检查方式', key: 'methods', width: 18 },
  { header: '检查主体', key: 'subjectLevel', width: 10 },
  { header: '事项类别', key: 'isKey', width: 14 },
  { header: '检查人员要求', key: 'staffRequirements', width: 20 },
  { header: '抽查指引', key: 'guide', width: 48 },
];

export async function exportVersionXlsx(db: Kysely<DB>, versionId: string, claimingUnitCode: string | null): Promise<{ fileName: string; buffer: Buffer }> {
  const version = await findVersion(db, versionId);
  const items = await loadVersionItems(db, version.id);
  const claims = claimingUnitCode
    ? await db
        .selectFrom('check_item_claim')
        .selectAll()
        .where('unit_code', '=', claimingUnitCode)
        .where('issuing_unit_code', '=', version.issuing_unit_code)
        .execute()
    : [];
  const claimOf = new Map(claims.map((c) => [c.item_code, c]));
  const columns = claimingUnitCode
    ? [...EXPORT_COLUMNS, { header: '本单位认领', key: 'claim', width: 12 }, { header: '负责股室', key: 'office', width: 14 }, { header: '认领日期', key: 'claimedOn', width: 12 }]
    : EXPORT_COLUMNS;
  const buffer = await writeXlsx([
    {
      name: '抽查事项清单',
      columns,
      rows: items.map((i) => {
        const claim = claimOf.get(i.itemCode);
        return {
          seq: i.seq,
          itemCode: i.itemCode,
          category: i.category,
          name: i.name,
          content: i.content,
          legalBasis: i.legalBasis,
          target: i.target,
          methods: i.methods.join('、'),
          subjectLevel: i.subjectLevel,
          isKey: i.isKey ? '重点检查事项' : '一般检查事项',
          staffRequirements: i.staffRequirements.join('、'),
          guide: i.guide,
          claim: claim ? (claim.review_status === 'needs_review' ? '待复核' : '已认领') : '',
          office: claim?.responsible_office ?? '',
          claimedOn: claim?.claimed_on ?? '',
        };
      }),
    },
  ]);
  return { fileName: `${version.title}.xlsx`, buffer };
}

export const exportVersionRoute = defineRoute({
  method: 'get',
  path: '/api/check-items/versions/:id/export',
  summary: '导出清单版本为 .xlsx（含本单位认领标记）',
  tag: TAG,
  auth: directoriesRead,
  params: uuidParams,
  async handler({ app, c, caller, params }) {
    const who = requireCaller(caller);
    const version = await visibleVersion(app.database.db, who, params.id);
    const { fileName, buffer } = await exportVersionXlsx(app.database.db, version.id, who.scope.unitCode);
    return c.body(new Uint8Array(buffer), 200, { 'content-type': XLSX_CONTENT_TYPE, 'content-disposition': contentDisposition(fileName) });
  },
});

export const checkItemRoutes = [
  listVersions,
  importVersion,
  getVersion,
  listVersionItems,
  issueVersionRoute,
  diffVersionRoute,
  exportVersionRoute,
  claimItemsRoute,
  unclaimItemsRoute,
  listReviewClaims,
  resolveReviewRoute,
] as const;
