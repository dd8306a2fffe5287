// 执法检查人员名录库 (issue 3): list/detail with drawability, create, update, status change,
// 回避 declarations, import and export. Reads are scoped to the caller's unit and below;
// every write is checked against that scope and audited in its own transaction.
import { z } from 'zod';
import { todayInChina } from '../clock.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller } from '../http/route.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { escapeLike } from '../http/sqlText.ts';
import { AppError } from '../http/errors.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { XLSX_CONTENT_TYPE, contentDisposition } from '../files/spreadsheet.ts';
import { fieldChange, rowImportRoute } from '../files/rowImport.ts';
import {
  certHolder,
  drawableSql,
  inspectorColumns,
  inspectorFields,
  inspectorStatuses,
  isoDate,
  presentInspector,
  unitInScope,
  type InspectorRow,
} from './inspectorRecord.ts';
import { presentRecusal, recusalEnd, recusalInput, type RecusalRow } from './recusals.ts';
import { loadInspectorFor, loadRecusalFor } from './policy.ts';
import { importInspectors } from './importInspectors.ts';
import { exportInspectors } from './exportInspectors.ts';

const idParams = z.object({ id: z.uuid('编号格式不正确') });

function auditOf(row: InspectorRow) {
  return {
    unitCode: row.unit_code,
    name: row.name,
    gender: row.gender,
    category: row.category,
    certNo: row.cert_no,
    certExpiresOn: row.cert_expires_on,
    position: row.position,
    specialties: row.specialties,
    qualifications: row.qualifications,
    regionCode: row.region_code,
  };
}

export const listInspectors = defineRoute({
  method: 'get',
  path: '/api/inspectors',
  summary: '执法检查人员名录库（本单位及下级单位），可按可否抽取、类别、状态、专长筛选',
  tag: '一单两库',
  auth: moduleRead('directories'),
  query: z.object({
    ...pagingQuery,
    q: z.string().trim().max(40).optional(),
    category: z.enum(['enforcement', 'expert']).optional(),
    status: z.enum(inspectorStatuses).optional(),
    drawable: z.enum(['yes', 'no']).optional(),
    specialty: z.string().trim().max(30).optional(),
    unitCode: z.string().trim().max(40).optional(),
  }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const today = todayInChina();
    let base = app.database.db.selectFrom('inspector as p').where('p.unit_code', 'in', who.scope.unitCodes);
    if (query.q)
      base = base.where((eb) =>
        eb.or([eb('p.name', 'like', `%${escapeLike(query.q!)}%`), eb('p.cert_no', 'like', `${escapeLike(query.q!)}%`)]),
      );
    if (query.category) base = base.where('p.category', '=', query.category);
    if (query.status) base = base.where('p.status', '=', query.status);
    if (query.unitCode) base = base.where('p.unit_code', '=', query.unitCode);
    if (query.specialty) {
      const tag = query.specialty;
      base = base.where((eb) =>
        eb.or([eb(eb.val(tag), '=', eb.fn.any('p.specialties')), eb(eb.val(tag), '=', eb.fn.any('p.qualifications'))]),
      );
    }
    if (query.drawable === 'yes') base = base.where((eb) => drawableSql(eb, today));
    if (query.drawable === 'no') base = base.where((eb) => eb.not(drawableSql(eb, today)));
    const total = await countRows(base);
    const rows = await base
      .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
      .select([...inspectorColumns, 'o.path'])
      .orderBy('o.path')
      .orderBy('p.name')
      .orderBy('p.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return { items: rows.map((r) => presentInspector(r as InspectorRow, today)), total, page: query.page, pageSize: query.pageSize, today };
  },
});

export const exportInspectorsRoute = defineRoute({
  method: 'get',
  path: '/api/inspectors/export',
  summary: '导出执法检查人员名录库为 .xlsx（含当日可否抽取与回避声明）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  async handler({ app, c, caller }) {
    const who = requireCaller(caller);
    const today = todayInChina();
    const { buffer } = await exportInspectors(app.database.db, who.scope.unitCodes, today);
    return c.body(new Uint8Array(buffer), 200, {
      'content-type': XLSX_CONTENT_TYPE,
      'content-disposition': contentDisposition(`执法检查人员名录库-${who.scope.unitName}-${today}.xlsx`),
    });
  },
});

export const importInspectorsRoute = rowImportRoute({
  path: '/api/inspectors/import',
  summary: '从 .xlsx/.csv 导入执法检查人员（全部成功才写入；dryRun=true 只检查）',
  tag: '一单两库',
  run: importInspectors,
});

/** A 执法证号 identifies one person: refuse it when someone else already holds it. */
async function assertCertNoFree(trx: Transaction<DB>, certNo: string | null | undefined, exceptId?: string): Promise<void> {
  if (!certNo) return;
  const holder = await certHolder(trx, certNo, exceptId);
  if (holder) {
    throw new AppError('CONFLICT', `执法证号 ${certNo} 已登记在「${holder.unit_name}」${holder.name}名下，请核对证号。`, {
      field: 'certNo',
    });
  }
}

/** The inspector columns a create or an update form sets. */
function inspectorValues(body: z.infer<typeof inspectorFields>, unitCode: string, regionCode: string) {
  return {
    unit_code: unitCode,
    name: body.name,
    gender: body.gender ?? null,
    category: body.category,
    cert_no: body.certNo || null,
    cert_expires_on: body.certNo ? (body.certExpiresOn ?? null) : null,
    position: body.position || null,
    specialties: body.specialties,
    qualifications: body.qualifications,
    region_code: regionCode,
  };
}

export const createInspector = defineRoute({
  method: 'post',
  path: '/api/inspectors',
  summary: '登记执法检查人员',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  body: inspectorFields,
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const unit = await unitInScope(trx, who.scope.unitCodes, body.unitCode);
      await assertCertNoFree(trx, body.certNo);
      const values = inspectorValues(body, unit.code, body.regionCode ?? unit.region_code);
      const inserted = await trx.insertInto('inspector').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'inspector.create',
        objectType: 'inspector',
        objectId: inserted.id,
        after: values,
      });
      return { id: inserted.id };
    });
  },
});

export const getInspector = defineRoute({
  method: 'get',
  path: '/api/inspectors/:id',
  summary: '执法检查人员详情（含可否抽取与回避声明）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  params: idParams,
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    const today = todayInChina();
    const row = await loadInspectorFor(app.database.db, who, params.id, 'read');
    const recusals = await app.database.db
      .selectFrom('inspector_recusal as r')
      .leftJoin('market_entity as e', 'e.uscc', 'r.uscc')
      .selectAll('r')
      .select('e.name as entity_name')
      .where('r.unit_code', '=', row.unit_code)
      .where('r.inspector_id', '=', row.id)
      .orderBy('r.declared_on', 'desc')
      .orderBy('r.created_at', 'desc')
      .execute();
    return { ...presentInspector(row, today), today, recusals: recusals.map((r) => presentRecusal(r as RecusalRow, today, r.entity_name)) };
  },
});

export const updateInspector = defineRoute({
  method: 'patch',
  path: '/api/inspectors/:id',
  summary: '修改执法检查人员信息（审计记录修改前后）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: inspectorFields,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const current = await loadInspectorFor(trx, who, params.id, 'act');
      const unit = await unitInScope(trx, who.scope.unitCodes, body.unitCode);
      await assertCertNoFree(trx, body.certNo, current.id);
      const next: InspectorRow = { ...current, ...inspectorValues(body, unit.code, body.regionCode ?? current.region_code) };
      const { changed, before, after } = fieldChange(auditOf(current), auditOf(next));
      if (changed.length === 0) return { id: current.id, changed: [] };
      await trx
        .updateTable('inspector')
        .set({
          unit_code: next.unit_code,
          name: next.name,
          gender: next.gender,
          category: next.category,
          cert_no: next.cert_no,
          cert_expires_on: next.cert_expires_on,
          position: next.position,
          specialties: next.specialties,
          qualifications: next.qualifications,
          region_code: next.region_code,
          updated_at: new Date(),
        })
        .where('unit_code', '=', current.unit_code)
        .where('id', '=', current.id)
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'inspector.update',
        objectType: 'inspector',
        objectId: current.id,
        before,
        after,
      });
      return { id: current.id, changed };
    });
  },
});

export const changeInspectorStatus = defineRoute({
  method: 'post',
  path: '/api/inspectors/:id/status',
  summary: '变更人员状态（在岗/调离/退休）及日期',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: z.object({
    status: z.enum(inspectorStatuses, { message: '状态应为 在岗、调离 或 退休' }),
    since: isoDate,
    note: z.string().trim().max(200).optional(),
  }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    const today = todayInChina();
    if (body.since > today)
      throw new AppError('VALIDATION_FAILED', `状态日期（${body.since}）不能晚于今天（${today}）；请在实际调离/退休当天或之后登记。`, {
        field: 'since',
      });
    return app.database.db.transaction().execute(async (trx) => {
      const current = await loadInspectorFor(trx, who, params.id, 'act');
      if (current.status === body.status) throw new AppError('INVALID_STATE', `该人员当前已是「${body.status}」状态，无需变更。`);
      await trx
        .updateTable('inspector')
        .set({ status: body.status, status_since: body.since, updated_at: new Date() })
        .where('unit_code', '=', current.unit_code)
        .where('id', '=', current.id)
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'inspector.status',
        objectType: 'inspector',
        objectId: current.id,
        before: { status: current.status, since: current.status_since },
        after: { status: body.status, since: body.since },
        note: body.note,
      });
      return { id: current.id, status: body.status, statusSince: body.since };
    });
  },
});

export const createRecusal = defineRoute({
  method: 'post',
  path: '/api/inspectors/:id/recusals',
  summary: '登记回避声明（特定市场主体，或原工作单位、亲属经营、本人网格/辖区）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: recusalInput,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    const inspector = await loadInspectorFor(app.database.db, who, params.id, 'read');
    if (body.relatedRegionCode) {
      const region = await app.database.db
        .selectFrom('ref_division')
        .select('code')
        .where('code', '=', body.relatedRegionCode)
        .executeTakeFirst();
      if (!region)
        throw new AppError('VALIDATION_FAILED', `区划代码 ${body.relatedRegionCode} 不存在，请填写 6 位行政区划代码。`, {
          field: 'relatedRegionCode',
        });
    }
    if (body.relatedUnitCode) {
      const unit = await app.database.db.selectFrom('org_unit').select('code').where('code', '=', body.relatedUnitCode).executeTakeFirst();
      if (!unit)
        throw new AppError('VALIDATION_FAILED', `单位代码 ${body.relatedUnitCode} 不存在，请从单位列表中选择。`, {
          field: 'relatedUnitCode',
        });
    }
    return app.database.db.transaction().execute(async (trx) => {
      const values = {
        unit_code: inspector.unit_code,
        inspector_id: inspector.id,
        kind: body.kind,
        uscc: body.kind === 'own_grid' ? null : body.uscc!,
        related_name: body.relatedName || null,
        related_region_code: body.kind === 'own_grid' ? (body.relatedRegionCode ?? null) : null,
        related_unit_code: body.kind === 'own_grid' ? (body.relatedUnitCode ?? null) : null,
        reason: body.reason,
        declared_on: body.declaredOn,
        valid_until: body.validUntil ?? null,
        recorded_by_user_id: who.userId,
        recorded_by_name: who.displayName,
      };
      const inserted = await trx.insertInto('inspector_recusal').values(values).returning('id').executeTakeFirstOrThrow();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'inspector.recusal.create',
        objectType: 'inspector_recusal',
        objectId: inserted.id,
        after: { inspectorId: inspector.id, inspectorName: inspector.name, ...values },
      });
      return { id: inserted.id };
    });
  },
});

export const endRecusal = defineRoute({
  method: 'post',
  path: '/api/inspectors/recusals/:id/end',
  summary: '结束回避声明（不删除，保留记录）',
  tag: '一单两库',
  auth: moduleWrite('directories'),
  params: idParams,
  body: recusalEnd,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const row = await loadRecusalFor(trx, who, params.id, 'act');
      if (row.ended_on) throw new AppError('INVALID_STATE', `该回避声明已于 ${row.ended_on} 结束，无需再次结束。`);
      if (body.endedOn < row.declared_on)
        throw new AppError('VALIDATION_FAILED', `结束日期（${body.endedOn}）不能早于声明日期（${row.declared_on}）。`, {
          field: 'endedOn',
        });
      await trx
        .updateTable('inspector_recusal')
        .set({ ended_on: body.endedOn, end_reason: body.endReason, ended_by_name: who.displayName })
        .where('unit_code', '=', row.unit_code)
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'inspector.recusal.end',
        objectType: 'inspector_recusal',
        objectId: row.id,
        before: { endedOn: null },
        after: { endedOn: body.endedOn, endReason: body.endReason },
      });
      return { id: row.id, endedOn: body.endedOn };
    });
  },
});

// Fixed paths before '/api/inspectors/:id' so 'export'/'import' are never read as an id.
export const inspectorRoutes = [
  listInspectors,
  exportInspectorsRoute,
  importInspectorsRoute,
  createInspector,
  endRecusal,
  getInspector,
  updateInspector,
  changeInspectorStatus,
  createRecusal,
] as const;
