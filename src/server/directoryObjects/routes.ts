// 检查对象名录库 — 其他检查对象（产品/项目/行为）(issue 3, seed 003 一(一)): list with search,
// filters and paging, detail, create, update, status change (停用/启用), import and export.
// Reads are scoped to the caller's unit and below; every write checks that scope and is
// audited in its own transaction.
import { z } from 'zod';
import type { Kysely } from 'kysely';
import { objectKindLabel } from '../../core/glossary.ts';
import { objectKinds, objectStatusLabel } from '../../core/directoryObjects/objectFields.ts';
import { normalizeObjectCode, parseSystemObjectCode } from '../../core/directoryObjects/objectCode.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { XLSX_CONTENT_TYPE, contentDisposition } from '../files/spreadsheet.ts';
import { fieldChange, rowImportRoute } from '../files/rowImport.ts';
import { AppError } from '../http/errors.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller } from '../http/route.ts';
import { escapeLike } from '../http/sqlText.ts';
import { loadObjectFor } from './policy.ts';
import { exportDirectoryObjects } from './exportObjects.ts';
import { importDirectoryObjects } from './importObjects.ts';
import {
  SystemCodeAllocator,
  assertReferenceCodes,
  codeHolder,
  duplicateCodeError,
  lockObjectCodes,
  objectBody,
  objectColumns,
  ownerUnit,
  presentObject,
  type ObjectRow,
} from './objectRecord.ts';

const TAG = '一单两库';
const idParams = z.object({ id: z.uuid('编号格式不正确') });
const kindFilter = z.enum(objectKinds as ['product', 'project', 'behavior'], {
  message: '对象类别应为 product（产品）、project（项目）或 behavior（行为）',
});
const statusValue = z.enum(['active', 'inactive'], { message: '状态应为 active（有效）或 inactive（停用）' });

/**
 * The related entities' names, only where the entity lies within the caller's units: one query
 * for a page, by code (the two directories are placed apart on Citus, so no correlated join).
 */
async function withEntityNames<R extends { uscc: string | null }>(
  db: Kysely<DB>,
  scopeCodes: string[],
  rows: R[],
): Promise<(R & { entity_name: string | null })[]> {
  const codes = [...new Set(rows.map((r) => r.uscc).filter((u): u is string => u !== null))];
  const names = new Map<string, string>();
  if (codes.length > 0 && scopeCodes.length > 0) {
    const found = await db
      .selectFrom('market_entity')
      .select(['uscc', 'name'])
      .where('uscc', 'in', codes)
      .where('unit_code', 'in', scopeCodes)
      .orderBy('uscc')
      .orderBy('region_code')
      .execute();
    for (const e of found) if (!names.has(e.uscc)) names.set(e.uscc, e.name);
  }
  return rows.map((r) => ({ ...r, entity_name: r.uscc ? (names.get(r.uscc) ?? null) : null }));
}

const auditOf = (
  r: Pick<
    ObjectRow,
    'unit_code' | 'object_kind' | 'object_code' | 'name' | 'description' | 'uscc' | 'region_code' | 'industry_code' | 'tags'
  >,
) => ({
  unitCode: r.unit_code,
  kind: r.object_kind,
  code: r.object_code,
  name: r.name,
  description: r.description,
  uscc: r.uscc,
  regionCode: r.region_code.trim(),
  industryCode: r.industry_code,
  tags: r.tags,
});

export const listDirectoryObjects = defineRoute({
  method: 'get',
  path: '/api/directory-objects',
  summary: '其他检查对象（产品/项目/行为）列表：本单位及下级单位，可按类别、状态、标签、关联主体检索',
  tag: TAG,
  auth: moduleRead('directories'),
  query: z.object({
    ...pagingQuery,
    q: z.string().trim().max(60).optional(),
    kind: kindFilter.optional(),
    status: statusValue.optional(),
    tag: z.string().trim().max(30).optional(),
    uscc: z.string().trim().max(18).optional(),
    unitCode: z.string().trim().max(40).optional(),
  }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    let base = app.database.db.selectFrom('directory_object as d').where('d.unit_code', 'in', who.scope.unitCodes);
    if (query.q) {
      const q = escapeLike(query.q);
      const code = escapeLike(normalizeObjectCode(query.q));
      base = base.where((eb) =>
        eb.or([eb('d.name', 'like', `%${q}%`), eb('d.object_code', 'like', `${code}%`), eb('d.uscc', 'like', `${code}%`)]),
      );
    }
    if (query.kind) base = base.where('d.object_kind', '=', query.kind);
    if (query.status) base = base.where('d.status', '=', query.status);
    if (query.unitCode) base = base.where('d.unit_code', '=', query.unitCode);
    if (query.uscc) base = base.where('d.uscc', '=', query.uscc.toUpperCase());
    if (query.tag) {
      const tag = query.tag;
      base = base.where((eb) => eb(eb.val(tag), '=', eb.fn.any('d.tags')));
    }
    const total = await countRows(base);
    const page = await base
      .innerJoin('org_unit as u', 'u.code', 'd.unit_code')
      .select(objectColumns)
      .orderBy('d.name')
      .orderBy('d.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const rows = await withEntityNames(app.database.db, who.scope.unitCodes, page);
    return { items: rows.map((r) => presentObject(r as ObjectRow)), total, page: query.page, pageSize: query.pageSize };
  },
});

export const exportDirectoryObjectsRoute = defineRoute({
  method: 'get',
  path: '/api/directory-objects/export',
  summary: '导出其他检查对象（产品/项目/行为）为 .xlsx（导入模板的列布局）',
  tag: TAG,
  auth: moduleRead('directories'),
  query: z.object({ kind: kindFilter.optional() }),
  async handler({ app, c, caller, query }) {
    const who = requireCaller(caller);
    const { buffer } = await exportDirectoryObjects(app.database.db, who.scope.unitCodes, query.kind);
    const what = query.kind ? objectKindLabel[query.kind] : '产品项目行为';
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': contentDisposition(`检查对象名录库-${what}-${who.scope.unitName}-${todayInChina()}.xlsx`),
    });
  },
});

export const importDirectoryObjectsRoute = rowImportRoute({
  path: '/api/directory-objects/import',
  summary: '从 .xlsx/.csv 导入其他检查对象（全部行正确才写入；dryRun=true 只检查）',
  tag: TAG,
  run: importDirectoryObjects,
});

export const createDirectoryObject = defineRoute({
  method: 'post',
  path: '/api/directory-objects',
  summary: '登记其他检查对象（产品/项目/行为）；未填编码时由系统生成',
  tag: TAG,
  auth: moduleWrite('directories'),
  body: objectBody,
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const unit = await ownerUnit(trx, who.scope.unitCodes, body.unitCode ?? who.scope.unitCode);
      await assertReferenceCodes(trx, body);
      const regionCode = body.regionCode ?? unit.region_code;
      await lockObjectCodes(trx, unit.code, body.kind);
      let code = body.code;
      if (code) {
        const holder = await codeHolder(trx, unit.code, body.kind, code);
        if (holder) throw duplicateCodeError(body.kind, code, holder.name);
      } else {
        code = await new SystemCodeAllocator(trx, Number(todayInChina().slice(0, 4))).next(unit.code, body.kind, regionCode);
      }
      const values = {
        unit_code: unit.code,
        object_kind: body.kind,
        object_code: code,
        name: body.name,
        description: body.description,
        uscc: body.uscc,
        region_code: regionCode,
        industry_code: body.industryCode,
        tags: body.tags,
      };
      const inserted = await trx.insertInto('directory_object').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'directory_object.create',
        objectType: 'directory_object',
        objectId: inserted.id,
        after: auditOf(values),
      });
      return { id: inserted.id, code };
    });
  },
});

export const getDirectoryObject = defineRoute({
  method: 'get',
  path: '/api/directory-objects/:id',
  summary: '其他检查对象详情（含关联市场主体名称）',
  tag: TAG,
  auth: moduleRead('directories'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const row = await loadObjectFor(app.database.db, who, params.id, 'read');
    return presentObject((await withEntityNames(app.database.db, who.scope.unitCodes, [row]))[0]!);
  },
});

export const updateDirectoryObject = defineRoute({
  method: 'patch',
  path: '/api/directory-objects/:id',
  summary: '修改其他检查对象（审计记录修改前后）；编码留空则保留原编码',
  tag: TAG,
  auth: moduleWrite('directories'),
  params: idParams,
  body: objectBody,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const current = await loadObjectFor(trx, who, params.id, 'act');
      const unit = await ownerUnit(trx, who.scope.unitCodes, body.unitCode ?? current.unit_code);
      await assertReferenceCodes(trx, body);
      const regionCode = body.regionCode ?? (unit.code === current.unit_code ? current.region_code.trim() : unit.region_code);
      await lockObjectCodes(trx, unit.code, body.kind);
      // Without a new code the object keeps its own, unless it is a system code of another kind.
      let code = body.code ?? current.object_code;
      const system = parseSystemObjectCode(code);
      if (!body.code && system && system.kind !== body.kind) {
        code = await new SystemCodeAllocator(trx, Number(todayInChina().slice(0, 4))).next(unit.code, body.kind, regionCode);
      } else {
        const holder = await codeHolder(trx, unit.code, body.kind, code, current.id);
        if (holder) throw duplicateCodeError(body.kind, code, holder.name);
      }
      const next = {
        unit_code: unit.code,
        object_kind: body.kind,
        object_code: code,
        name: body.name,
        description: body.description,
        uscc: body.uscc,
        region_code: regionCode,
        industry_code: body.industryCode,
        tags: body.tags,
      };
      const { changed, before, after } = fieldChange(auditOf(current), auditOf(next));
      if (changed.length === 0) return { id: current.id, code, changed: [] };
      await trx
        .updateTable('directory_object')
        .set({ ...next, updated_at: new Date() })
        .where('unit_code', '=', current.unit_code)
        .where('id', '=', current.id)
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'directory_object.update',
        objectType: 'directory_object',
        objectId: current.id,
        before,
        after,
      });
      return { id: current.id, code, changed };
    });
  },
});

export const changeDirectoryObjectStatus = defineRoute({
  method: 'post',
  path: '/api/directory-objects/:id/status',
  summary: '停用或重新启用其他检查对象（不删除；停用后不再作为检查对象）',
  tag: TAG,
  auth: moduleWrite('directories'),
  params: idParams,
  body: z.object({
    status: statusValue,
    reason: z.string({ message: '请填写原因' }).trim().min(1, '请填写原因，例如 项目已竣工验收、产品已停产').max(200, '原因最多 200 个字'),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    const since = todayInChina();
    return app.database.db.transaction().execute(async (trx) => {
      const current = await loadObjectFor(trx, who, params.id, 'act');
      if (current.status === body.status)
        throw new AppError('INVALID_STATE', `该检查对象当前已是「${objectStatusLabel[body.status]}」状态，无需变更。`);
      await trx
        .updateTable('directory_object')
        .set({ status: body.status, status_since: since, updated_at: new Date() })
        .where('unit_code', '=', current.unit_code)
        .where('id', '=', current.id)
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'directory_object.status',
        objectType: 'directory_object',
        objectId: current.id,
        before: { status: current.status, since: current.status_since },
        after: { status: body.status, since },
        note: body.reason,
      });
      return { id: current.id, status: body.status, statusSince: since };
    });
  },
});

// Fixed paths before '/api/directory-objects/:id' so 'export'/'import' are never read as an id.
export const directoryObjectRoutes = [
  listDirectoryObjects,
  exportDirectoryObjectsRoute,
  importDirectoryObjectsRoute,
  createDirectoryObject,
  getDirectoryObject,
  updateDirectoryObject,
  changeDirectoryObjectStatus,
] as const;
