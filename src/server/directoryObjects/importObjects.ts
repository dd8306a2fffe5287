// 其他检查对象（产品/项目/行为）import from .xlsx/.csv: all-or-nothing. Every row is
// checked first (the same pure rules as the form, src/core/directoryObjects/objectFields.ts);
// if any row is wrong nothing is written and the row errors (row, column, value, why) come
// back. Used by POST /api/directory-objects/import and `ssj import objects`.
//
// Upsert key: (管辖单位, 对象类别, 对象编码). A row without a code matches the one object of
// that unit and kind with the same name (so re-importing a file without codes changes
// nothing); with no such object it is created with a system code; with several the row is
// refused with a request to fill in the code.
import type { Kysely } from 'kysely';
import type { ObjectKind } from '../../core/glossary.ts';
import {
  checkObjectFields,
  objectFieldLabel,
  splitObjectTags,
  type ObjectFields,
  type ObjectStatus,
} from '../../core/directoryObjects/objectFields.ts';
import type { DB } from '../../db/schema.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { detectSpreadsheetFormat, matchHeader, readHead, readSpreadsheetRows, type ColumnSpec } from '../files/spreadsheet.ts';
import { loadImportUnits } from '../orgs/importUnits.ts';
import { AppError } from '../http/errors.ts';
import {
  auditImportSummary,
  fieldChange,
  refuseRowErrors,
  type ImportActor,
  type ImportRowError,
  type RowImportResult,
} from '../files/rowImport.ts';
import { SystemCodeAllocator, lockObjectCodes } from './objectRecord.ts';

export const objectImportColumns = {
  kind: { label: objectFieldLabel.kind, aliases: ['类别', '对象类型'], required: true },
  code: { label: objectFieldLabel.code, aliases: ['编码', '编号', '对象编号'], required: false },
  name: { label: objectFieldLabel.name, aliases: ['对象名称', '产品名称', '项目名称', '行为名称'], required: true },
  description: { label: objectFieldLabel.description, aliases: ['说明', '备注'], required: false },
  uscc: { label: objectFieldLabel.uscc, aliases: ['统一社会信用代码', '关联主体代码'], required: false },
  unit: { label: '管辖单位', aliases: ['单位', '单位代码', '管辖单位代码'], required: false },
  regionCode: { label: objectFieldLabel.regionCode, aliases: ['区划代码', '区划'], required: false },
  industryCode: { label: objectFieldLabel.industryCode, aliases: ['行业'], required: false },
  tags: { label: objectFieldLabel.tags, required: false },
  status: { label: '状态', required: false },
} satisfies Record<string, ColumnSpec>;
type ColumnKey = keyof typeof objectImportColumns;

const MAX_ROWS = 20_000;
const MAX_ERRORS = 1_000;

interface ParsedRow {
  row: number;
  fields: ObjectFields;
  unitCode: string;
  regionCode: string;
  status: ObjectStatus | null;
}

const statusByLabel: Record<string, ObjectStatus> = { 有效: 'active', 停用: 'inactive', active: 'active', inactive: 'inactive' };

export async function importDirectoryObjects(
  db: Kysely<DB>,
  filePath: string,
  fileName: string,
  actor: ImportActor,
  options: { dryRun: boolean },
): Promise<RowImportResult> {
  // Refuse a file that is not a spreadsheet before touching the database.
  detectSpreadsheetFormat(fileName, readHead(filePath));

  const { owner, unitByKey } = await loadImportUnits(db, actor.unitCode);
  const regions = new Set((await db.selectFrom('ref_division').select('code').execute()).map((r) => r.code.trim()));
  const industries = new Set((await db.selectFrom('ref_industry').select('code').execute()).map((r) => r.code));

  const errors: ImportRowError[] = [];
  const fail = (row: number, column: string, value: string, message: string) => {
    if (errors.length < MAX_ERRORS) errors.push({ row, column, value, message });
  };
  const parsed: ParsedRow[] = [];
  let index: Record<ColumnKey, number | undefined> | null = null;
  let dataRows = 0;
  for await (const { rowNumber, cells } of readSpreadsheetRows(filePath, { fileName })) {
    if (!index) {
      const header = matchHeader(cells, objectImportColumns);
      if (header.missing.length > 0) {
        throw new AppError(
          'BAD_FILE',
          `表头缺少必填列：${header.missing.join('、')}。第 1 行应为列名，必填列为 对象类别、名称；可用「导出」得到的文件作为模板。` +
            (header.unknown.length ? `（无法识别的列：${header.unknown.join('、')}）` : ''),
          { missing: header.missing, unknown: header.unknown },
        );
      }
      index = header.index;
      continue;
    }
    if (cells.every((c) => c === '')) continue;
    dataRows++;
    if (dataRows > MAX_ROWS) throw new AppError('BAD_FILE', `文件超过 ${MAX_ROWS} 行检查对象，请拆分后分批导入。`);
    const cell = (key: ColumnKey) => {
      const i = index![key];
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const before = errors.length;
    const checked = checkObjectFields({
      kind: cell('kind'),
      code: cell('code'),
      name: cell('name'),
      description: cell('description'),
      uscc: cell('uscc'),
      regionCode: cell('regionCode'),
      industryCode: cell('industryCode'),
      tags: splitObjectTags(cell('tags')),
    });
    if (!checked.ok) for (const e of checked.errors) fail(rowNumber, objectFieldLabel[e.field], e.value, e.message);
    const unitText = cell('unit');
    const unit = unitText ? unitByKey.get(unitText) : unitByKey.get(owner.code);
    if (!unit)
      fail(
        rowNumber,
        objectImportColumns.unit.label,
        unitText,
        `找不到单位「${unitText}」，或它不在${owner.name}及其下级单位中；请填写单位全称或单位代码，或留空（归本单位）`,
      );
    const statusText = cell('status');
    const status = statusText ? (statusByLabel[statusText] ?? null) : null;
    if (statusText && !status)
      fail(rowNumber, objectImportColumns.status.label, statusText, '状态应为 有效 或 停用，或留空（新对象默认有效）');
    if (checked.ok) {
      const { regionCode, industryCode } = checked.value;
      if (regionCode && !regions.has(regionCode))
        fail(rowNumber, objectFieldLabel.regionCode, regionCode, '区划代码不存在，应为 6 位行政区划代码，例如 140581');
      if (industryCode && !industries.has(industryCode))
        fail(rowNumber, objectFieldLabel.industryCode, industryCode, '行业代码不在 GB/T 4754-2017 国民经济行业分类中，请核对');
    }
    if (errors.length > before || !checked.ok || !unit) continue;
    parsed.push({
      row: rowNumber,
      fields: checked.value,
      unitCode: unit.code,
      regionCode: checked.value.regionCode ?? unit.region_code.trim(),
      status,
    });
  }
  if (!index) throw new AppError('BAD_FILE', `文件「${fileName}」没有任何内容，请确认第 1 行为表头、第 2 行起为检查对象数据。`);
  if (dataRows === 0) throw new AppError('BAD_FILE', `文件「${fileName}」只有表头，没有检查对象数据。`);

  // Keys unique within the file.
  const keyOf = (r: ParsedRow) =>
    r.fields.code ? `code:${r.unitCode}:${r.fields.kind}:${r.fields.code}` : `name:${r.unitCode}:${r.fields.kind}:${r.fields.name}`;
  const seen = new Map<string, number>();
  for (const row of parsed) {
    const first = seen.get(keyOf(row));
    if (first === undefined) seen.set(keyOf(row), row.row);
    else if (row.fields.code)
      fail(row.row, objectFieldLabel.code, row.fields.code, `与第 ${first} 行的单位、类别和编码都相同，同一对象只能出现一次`);
    else
      fail(
        row.row,
        objectFieldLabel.name,
        row.fields.name,
        `与第 ${first} 行的单位、类别和名称都相同且都没有编码，无法区分；请填写对象编码或删除重复行`,
      );
  }

  return db.transaction().execute(async (trx) => {
    // Lock every (unit, kind) this file writes, in one order, before reading codes.
    const series = [...new Set(parsed.map((r) => `${r.unitCode}\u0000${r.fields.kind}`))].sort();
    for (const s of series) {
      const [unitCode, kind] = s.split('\u0000') as [string, ObjectKind];
      await lockObjectCodes(trx, unitCode, kind);
    }
    const existing = parsed.length
      ? await trx
          .selectFrom('directory_object')
          .selectAll()
          .where('unit_code', 'in', [...new Set(parsed.map((r) => r.unitCode))])
          .execute()
      : [];
    const byCode = new Map(existing.map((e) => [`${e.unit_code}:${e.object_kind}:${e.object_code}`, e]));
    const byName = new Map<string, typeof existing>();
    for (const e of existing) {
      const key = `${e.unit_code}:${e.object_kind}:${e.name}`;
      byName.set(key, [...(byName.get(key) ?? []), e]);
    }

    const plans: Array<{ row: ParsedRow; current: (typeof existing)[number] | null }> = [];
    for (const row of parsed) {
      const { kind, code, name } = row.fields;
      if (code) {
        plans.push({ row, current: byCode.get(`${row.unitCode}:${kind}:${code}`) ?? null });
        continue;
      }
      const sameName = byName.get(`${row.unitCode}:${kind}:${name}`) ?? [];
      if (sameName.length > 1) {
        fail(row.row, objectFieldLabel.code, '', `该单位有 ${sameName.length} 个同名的检查对象，无法确定更新哪一个；请填写对象编码`);
        continue;
      }
      plans.push({ row, current: sameName[0] ?? null });
    }
    if (errors.length > 0) throw refuseRowErrors(errors, dataRows);

    const today = todayInChina();
    const codes = new SystemCodeAllocator(trx, Number(today.slice(0, 4)));
    const result: RowImportResult = { dryRun: options.dryRun, total: parsed.length, created: 0, updated: 0, unchanged: 0 };
    const note = (row: ParsedRow) => `导入 ${fileName} 第 ${row.row} 行`;
    for (const { row, current } of plans) {
      const f = row.fields;
      const next = {
        unit_code: row.unitCode,
        object_kind: f.kind,
        object_code: f.code ?? current?.object_code ?? '',
        name: f.name,
        description: f.description,
        uscc: f.uscc,
        region_code: row.regionCode,
        industry_code: f.industryCode,
        tags: f.tags,
        status: row.status ?? current?.status ?? 'active',
      };
      if (!current) {
        result.created++;
        if (options.dryRun) continue;
        if (!next.object_code) next.object_code = await codes.next(row.unitCode, f.kind, row.regionCode);
        const inserted = await trx
          .insertInto('directory_object')
          .values({ ...next, status_since: next.status === 'inactive' ? today : null })
          .returning('id')
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          unitCode: actor.unitCode,
          actorUserId: actor.userId,
          actorName: actor.name,
          action: 'directory_object.create',
          objectType: 'directory_object',
          objectId: inserted.id,
          after: next,
          note: note(row),
        });
        continue;
      }
      const before = {
        unit_code: current.unit_code,
        object_kind: current.object_kind,
        object_code: current.object_code,
        name: current.name,
        description: current.description,
        uscc: current.uscc,
        region_code: current.region_code.trim(),
        industry_code: current.industry_code,
        tags: current.tags,
        status: current.status,
      };
      const change = fieldChange(before, next);
      if (change.changed.length === 0) {
        result.unchanged++;
        continue;
      }
      result.updated++;
      if (options.dryRun) continue;
      await trx
        .updateTable('directory_object')
        .set({ ...next, ...(next.status !== current.status ? { status_since: today } : {}), updated_at: new Date() })
        .where('unit_code', '=', current.unit_code)
        .where('id', '=', current.id)
        .execute();
      await recordAudit(trx, {
        unitCode: actor.unitCode,
        actorUserId: actor.userId,
        actorName: actor.name,
        action: 'directory_object.update',
        objectType: 'directory_object',
        objectId: current.id,
        before: change.before,
        after: change.after,
        note: note(row),
      });
    }
    await auditImportSummary(trx, actor, { action: 'directory_object.import', objectType: 'directory_object_import', fileName }, result);
    return result;
  });
}
