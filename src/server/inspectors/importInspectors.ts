// 执法检查人员名录库 import from .xlsx/.csv: all-or-nothing. Every row is checked
// first; if any row is wrong nothing is written and the row errors (row, column, value, why)
// come back. Used by POST /api/inspectors/import and `ssj import inspectors`.
//
// Upsert key: the 执法证号 when the row has one (it is personal and stays with the person when
// they move between 所, so a re-import after a transfer updates the same record). Rows without
// one (专业技术人员, or an 执法人员 whose certificate is not issued yet) match by (单位, 姓名):
// one unit rarely has two people of the same name, and when it does the row is refused with a
// request to fill in the 执法证号 rather than guessing which record to overwrite.
import type { Selectable } from 'kysely';
import type { InspectorTable } from '../../db/schema.ts';
import type { ColumnSpec } from '../files/spreadsheet.ts';
import { loadImportUnits } from '../orgs/importUnits.ts';
import { checkImportRows, readImportRows, refuseRowErrors, rowErrors, writeImportPlans } from '../files/rowImport.ts';
import type { ImportPlan, RowImport } from '../files/rowImport.ts';
import { directoryUnitsOf } from './directoryUnits.ts';
import { inspectorFields, isoDate, type InspectorStatus } from './inspectorRecord.ts';

export const inspectorImportColumns = {
  name: { label: '姓名', required: true },
  unit: { label: '单位', aliases: ['所在单位', '单位名称', '单位代码'], required: true },
  gender: { label: '性别', required: false },
  category: { label: '类别', aliases: ['人员类别'], required: true },
  certNo: { label: '执法证号', aliases: ['执法证件号', '执法证编号'], required: false },
  certExpiresOn: { label: '执法证有效期', aliases: ['证件有效期', '有效期至', '执法证有效期至'], required: false },
  position: { label: '岗位/层级', aliases: ['岗位', '层级', '职务'], required: false },
  specialties: { label: '业务专长', aliases: ['专长'], required: false },
  qualifications: { label: '执法资质', aliases: ['资质'], required: false },
  regionCode: { label: '所属区划', aliases: ['区划代码', '区划'], required: false },
  status: { label: '状态', aliases: ['在岗状态'], required: false },
  statusSince: { label: '状态日期', aliases: ['状态变更日期'], required: false },
} satisfies Record<string, ColumnSpec>;
type ColumnKey = keyof typeof inspectorImportColumns;

interface ParsedRow {
  row: number;
  name: string;
  unitCode: string;
  gender: '男' | '女' | null;
  category: 'enforcement' | 'expert';
  certNo: string | null;
  certExpiresOn: string | null;
  position: string | null;
  specialties: string[];
  qualifications: string[];
  regionCode: string;
  status: InspectorStatus | null;
  statusSince: string | null;
}

const categoryByLabel: Record<string, 'enforcement' | 'expert'> = { 执法人员: 'enforcement', 专业技术人员: 'expert' };
const categoryLabel = { enforcement: '执法人员', expert: '专业技术人员' } as const;

/** Tags in one cell: separated by 、，,；; or whitespace. */
export function splitTags(cell: string): string[] {
  return [
    ...new Set(
      cell
        .split(/[、，,；;\s]+/u)
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export const importInspectors: RowImport = async (db, filePath, fileName, actor, options) => {
  const rows = readImportRows(filePath, fileName, inspectorImportColumns, { rows: '人员数据', required: '姓名、单位、类别' });

  const all = await loadImportUnits(db, actor.unitCode);
  const { owner } = all;
  // A member department below the owner keeps its own directory (directoryUnits.ts).
  const kept = new Set(
    await directoryUnitsOf(db, { unitCode: owner.code, unitName: owner.name, path: owner.path, unitCodes: all.units.map((u) => u.code) }),
  );
  const units = all.units.filter((u) => kept.has(u.code));
  const unitByKey = new Map([...all.unitByKey].filter(([, u]) => kept.has(u.code)));
  const regions = new Set((await db.selectFrom('ref_division').select('code').execute()).map((r) => r.code));

  const rowErrorList = rowErrors();
  const { errors } = rowErrorList;
  const fail = (row: number, column: ColumnKey, value: string, message: string) =>
    rowErrorList.fail(row, inspectorImportColumns[column].label, value, message);
  const { parsed, dataRows } = await checkImportRows(rows, errors, ({ rowNumber, cell }): ParsedRow | undefined => {
    const name = cell('name');
    if (!name) fail(rowNumber, 'name', name, '姓名为空，请填写');
    else if (name.length > 20) fail(rowNumber, 'name', name, '姓名最多 20 个字');
    const unitText = cell('unit');
    const unit = unitByKey.get(unitText);
    if (!unitText) fail(rowNumber, 'unit', unitText, '单位为空，请填写单位全称或单位代码');
    else if (!unit)
      fail(rowNumber, 'unit', unitText, `找不到单位「${unitText}」，或它不在${owner.name}及其下级单位中；请填写单位全称或单位代码`);
    const genderText = cell('gender');
    if (genderText && genderText !== '男' && genderText !== '女') fail(rowNumber, 'gender', genderText, '性别应为 男 或 女，或留空');
    const categoryText = cell('category');
    const category = categoryByLabel[categoryText];
    if (!category) fail(rowNumber, 'category', categoryText, '类别应为 执法人员 或 专业技术人员');
    const certNo = cell('certNo') || null;
    if (certNo && !inspectorFields.shape.certNo.safeParse(certNo).success)
      fail(rowNumber, 'certNo', certNo, '执法证号只能包含数字、字母和连字符，最多 30 位');
    const expiresText = cell('certExpiresOn');
    if (expiresText && !isoDate.safeParse(expiresText).success)
      fail(rowNumber, 'certExpiresOn', expiresText, '日期格式应为 YYYY-MM-DD，例如 2027-06-30');
    if (expiresText && !certNo) fail(rowNumber, 'certNo', '', '填写了执法证有效期却没有执法证号，请补填执法证号或清空有效期');
    const regionText = cell('regionCode');
    if (regionText && !regions.has(regionText))
      fail(rowNumber, 'regionCode', regionText, '区划代码不存在，应为 6 位行政区划代码，例如 140581');
    const statusText = cell('status');
    if (statusText && !['在岗', '调离', '退休'].includes(statusText))
      fail(rowNumber, 'status', statusText, '状态应为 在岗、调离 或 退休，或留空（新人员默认在岗）');
    const sinceText = cell('statusSince');
    if (sinceText && !isoDate.safeParse(sinceText).success) fail(rowNumber, 'statusSince', sinceText, '日期格式应为 YYYY-MM-DD');
    if ((statusText === '调离' || statusText === '退休') && !sinceText)
      fail(rowNumber, 'statusSince', '', `状态为${statusText}时请填写状态日期（${statusText}的日期）`);
    const specialties = splitTags(cell('specialties'));
    const qualifications = splitTags(cell('qualifications'));
    if (specialties.length > 20 || specialties.some((t) => t.length > 30))
      fail(rowNumber, 'specialties', cell('specialties'), '最多 20 个专长，每个最多 30 个字');
    if (qualifications.length > 20 || qualifications.some((t) => t.length > 30))
      fail(rowNumber, 'qualifications', cell('qualifications'), '最多 20 项资质，每项最多 30 个字');
    if (!unit || !category) return undefined;
    return {
      row: rowNumber,
      name,
      unitCode: unit.code,
      gender: (genderText || null) as '男' | '女' | null,
      category,
      certNo,
      certExpiresOn: expiresText || null,
      position: cell('position') || null,
      specialties,
      qualifications,
      regionCode: regionText || unit.region_code,
      status: (statusText || null) as InspectorStatus | null,
      statusSince: sinceText || null,
    };
  });
  // Keys unique within the file.
  const seen = new Map<string, number>();
  for (const row of parsed) {
    const key = row.certNo ? `cert:${row.certNo}` : `name:${row.unitCode}:${row.name}`;
    const first = seen.get(key);
    if (first !== undefined) {
      if (row.certNo) fail(row.row, 'certNo', row.certNo, `执法证号与第 ${first} 行重复，同一人只能出现一次`);
      else fail(row.row, 'name', row.name, `与第 ${first} 行同单位同名且都没有执法证号，无法区分；请填写执法证号或删除重复行`);
    } else seen.set(key, row.row);
  }

  return db.transaction().execute(async (trx) => {
    const certNos = parsed.flatMap((r) => (r.certNo ? [r.certNo] : []));
    const existing = await trx
      .selectFrom('inspector')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb(
            'unit_code',
            'in',
            units.map((u) => u.code),
          ),
          ...(certNos.length ? [eb('cert_no', 'in', certNos)] : []),
        ]),
      )
      .execute();
    const inScope = new Set(units.map((u) => u.code));
    const byCert = new Map(existing.filter((e) => e.cert_no).map((e) => [e.cert_no!, e]));
    const byName = new Map<string, typeof existing>();
    for (const e of existing) {
      if (!inScope.has(e.unit_code)) continue;
      const key = `${e.unit_code}:${e.name}`;
      byName.set(key, [...(byName.get(key) ?? []), e]);
    }

    const plans: Array<ImportPlan<InspectorValues>> = [];
    for (const row of parsed) {
      let current: (typeof existing)[number] | null = null;
      if (row.certNo && byCert.has(row.certNo)) {
        current = byCert.get(row.certNo)!;
        if (!inScope.has(current.unit_code)) {
          fail(
            row.row,
            'certNo',
            row.certNo,
            `执法证号已登记在${owner.name}管辖范围以外的人员名下，请核对证号；如人员调入，请原单位先办理调离`,
          );
          continue;
        }
      } else {
        const sameName = (byName.get(`${row.unitCode}:${row.name}`) ?? []).filter((e) => !row.certNo || !e.cert_no);
        if (sameName.length > 1) {
          fail(row.row, 'name', row.name, `该单位有 ${sameName.length} 名同名人员，无法确定更新哪一位；请填写执法证号`);
          continue;
        }
        current = sameName[0] ?? null;
      }
      plans.push({
        row: row.row,
        next: valuesOf(row, current),
        current: current ? { ...current, values: { ...current, region_code: current.region_code.trim() } } : null,
      });
    }
    if (errors.length > 0) throw refuseRowErrors(errors, dataRows);
    return writeImportPlans(trx, actor, { table: 'inspector', fileName, dryRun: options.dryRun, plans });
  });
};

type InspectorValues = Omit<Selectable<InspectorTable>, 'id' | 'user_id' | 'created_at' | 'updated_at'>;

/** The values a file's row gives its record (over the record it updates, if any). */
function valuesOf(row: ParsedRow, current: InspectorValues | null): InspectorValues {
  return {
    unit_code: row.unitCode,
    name: row.name,
    gender: row.gender ?? current?.gender ?? null,
    category: row.category,
    cert_no: row.certNo,
    cert_expires_on: row.certExpiresOn,
    position: row.position,
    specialties: row.specialties,
    qualifications: row.qualifications,
    region_code: row.regionCode,
    status: row.status ?? current?.status ?? '在岗',
    status_since: row.status ? row.statusSince : (current?.status_since ?? null),
  };
}

export { categoryLabel as inspectorCategoryImportLabel };
