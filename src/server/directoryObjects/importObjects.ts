// 其他检查对象（产品/项目/行为/标准）import from .xlsx/.csv: all-or-nothing. Every row is
// checked first (the same pure rules as the form, src/core/directoryObjects/objectFields.ts);
// if any row is wrong nothing is written and the row errors (row, column, value, why) come
// back. Used by POST /api/directory-objects/import and `ssj import objects`.
//
// Upsert key: (管辖单位, 对象类别, 对象编码). A row without a code matches the one object of
// that unit and kind with the same name (so re-importing a file without codes changes
// nothing); with no such object it is created with a system code; with several the row is
// refused with a request to fill in the code.
import type { Selectable } from 'kysely';
import type { ObjectKind } from '../../core/glossary.ts';
import {
  checkObjectFields,
  objectFieldLabel,
  splitObjectTags,
  type ObjectFields,
  type ObjectStatus,
} from '../../core/directoryObjects/objectFields.ts';
import type { DirectoryObjectTable } from '../../db/tables/directoryObjects.ts';
import { todayInChina } from '../clock.ts';
import type { ColumnSpec } from '../files/spreadsheet.ts';
import { loadImportUnits } from '../orgs/importUnits.ts';
import {
  checkImportRows,
  readImportRows,
  refuseRowErrors,
  rowErrors,
  writeImportPlans,
  type ImportPlan,
  type RowImport,
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

interface ParsedRow {
  row: number;
  fields: ObjectFields;
  unitCode: string;
  regionCode: string;
  status: ObjectStatus | null;
}

const statusByLabel: Record<string, ObjectStatus> = { 有效: 'active', 停用: 'inactive', active: 'active', inactive: 'inactive' };

export const importDirectoryObjects: RowImport = async (db, filePath, fileName, actor, options) => {
  // Refuse a file that is not a spreadsheet before touching the database.
  const rows = readImportRows(filePath, fileName, objectImportColumns, { rows: '检查对象数据', required: '对象类别、名称' });

  const { owner, unitByKey } = await loadImportUnits(db, actor.unitCode);
  const regions = new Set((await db.selectFrom('ref_division').select('code').execute()).map((r) => r.code.trim()));
  const industries = new Set((await db.selectFrom('ref_industry').select('code').execute()).map((r) => r.code));

  const { errors, fail } = rowErrors();
  const { parsed, dataRows } = await checkImportRows(rows, errors, ({ rowNumber, cell }): ParsedRow | undefined => {
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
    if (!checked.ok || !unit) return undefined;
    return {
      row: rowNumber,
      fields: checked.value,
      unitCode: unit.code,
      regionCode: checked.value.regionCode ?? unit.region_code.trim(),
      status,
    };
  });
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

    const plans: Array<ImportPlan<ObjectValues>> = [];
    for (const row of parsed) {
      const { kind, code, name } = row.fields;
      const sameName = code ? [] : (byName.get(`${row.unitCode}:${kind}:${name}`) ?? []);
      if (sameName.length > 1) {
        fail(row.row, objectFieldLabel.code, '', `该单位有 ${sameName.length} 个同名的检查对象，无法确定更新哪一个；请填写对象编码`);
        continue;
      }
      const current = code ? byCode.get(`${row.unitCode}:${kind}:${code}`) : sameName[0];
      plans.push({
        row: row.row,
        next: valuesOf(row, current),
        current: current ? { ...current, values: { ...current, region_code: current.region_code.trim() } } : null,
      });
    }
    if (errors.length > 0) throw refuseRowErrors(errors, dataRows);

    const today = todayInChina();
    const codes = new SystemCodeAllocator(trx, Number(today.slice(0, 4)));
    return writeImportPlans(trx, actor, {
      table: 'directory_object',
      fileName,
      dryRun: options.dryRun,
      plans,
      insertValues: async (next) => ({
        ...next,
        object_code: next.object_code || (await codes.next(next.unit_code, next.object_kind, next.region_code)),
        status_since: next.status === 'inactive' ? today : null,
      }),
      updateExtras: (next, current) => (next.status !== current.status ? { status_since: today } : {}),
    });
  });
};

type ObjectValues = Omit<Selectable<DirectoryObjectTable>, 'id' | 'status_since' | 'created_at' | 'updated_at'>;

/** The values a file's row gives its record (over the record it updates, if any). */
function valuesOf(row: ParsedRow, current: ObjectValues | undefined): ObjectValues {
  const f = row.fields;
  return {
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
}
