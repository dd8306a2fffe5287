// 执法检查人员名录库 export to .xlsx, in the import's column layout (so an export is also the
// import template), plus the drawability of the day and the active 回避 declarations.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { todayInChina } from '../clock.ts';
import { importLayoutColumns } from '../files/rowImport.ts';
import { writeXlsx } from '../files/spreadsheet.ts';
import { inspectorImportColumns, inspectorCategoryImportLabel } from './importInspectors.ts';
import { inspectorColumns, presentInspector, type InspectorRow } from './inspectorRecord.ts';
import { recusalKindLabel } from './recusals.ts';
import { directoryUnitsOf } from './directoryUnits.ts';
import type { UnitScope } from '../access/scope.ts';

export async function exportInspectors(
  db: Kysely<DB>,
  scope: UnitScope,
  today = todayInChina(),
): Promise<{ buffer: Buffer; count: number }> {
  const unitCodes = await directoryUnitsOf(db, scope);
  const rows = (await db
    .selectFrom('inspector as p')
    .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
    .select([...inspectorColumns, 'o.path'])
    .where('p.unit_code', 'in', [...unitCodes])
    .orderBy('o.path')
    .orderBy('p.name')
    .execute()) as unknown as InspectorRow[];
  const recusals = await db
    .selectFrom('inspector_recusal')
    .select([
      'inspector_id',
      'kind',
      'uscc',
      'related_name',
      'related_region_code',
      'related_unit_code',
      'reason',
      'declared_on',
      'valid_until',
      'ended_on',
      'recorded_by_name',
    ])
    .where('unit_code', 'in', [...unitCodes])
    .orderBy('declared_on')
    .execute();
  const nameOf = new Map(rows.map((r) => [r.id, r]));
  const buffer = await writeXlsx([
    {
      name: '执法检查人员',
      columns: [
        ...importLayoutColumns(inspectorImportColumns, {
          name: 10,
          unit: 28,
          gender: 6,
          category: 14,
          certNo: 16,
          certExpiresOn: 14,
          position: 14,
          specialties: 24,
          qualifications: 28,
          regionCode: 10,
          status: 8,
          statusSince: 12,
        }),
        { header: `可否抽取（${today}）`, key: 'drawable', width: 36 },
      ],
      rows: rows.map((r) => {
        const p = presentInspector(r, today);
        return {
          name: p.name,
          unit: p.unitName,
          gender: p.gender,
          category: inspectorCategoryImportLabel[p.category],
          certNo: p.certNo,
          certExpiresOn: p.certExpiresOn,
          position: p.position,
          specialties: p.specialties.join('、'),
          qualifications: p.qualifications.join('、'),
          regionCode: p.regionCode,
          status: p.status,
          statusSince: p.statusSince,
          drawable: p.drawable ? '可抽取' : p.notDrawableReason,
        };
      }),
    },
    {
      name: '回避声明',
      columns: [
        { header: '姓名', key: 'name', width: 10 },
        { header: '执法证号', key: 'certNo', width: 16 },
        { header: '回避类型', key: 'kind', width: 14 },
        { header: '统一社会信用代码', key: 'uscc', width: 22 },
        { header: '关联名称', key: 'relatedName', width: 24 },
        { header: '关联区划/单位', key: 'relatedArea', width: 16 },
        { header: '事由', key: 'reason', width: 30 },
        { header: '声明日期', key: 'declaredOn', width: 12 },
        { header: '有效期至', key: 'validUntil', width: 12 },
        { header: '结束日期', key: 'endedOn', width: 12 },
        { header: '登记人', key: 'recordedBy', width: 12 },
      ],
      rows: recusals.map((d) => ({
        name: nameOf.get(d.inspector_id)?.name,
        certNo: nameOf.get(d.inspector_id)?.cert_no,
        kind: recusalKindLabel[d.kind],
        uscc: d.uscc,
        relatedName: d.related_name,
        relatedArea: d.related_unit_code ?? d.related_region_code,
        reason: d.reason,
        declaredOn: d.declared_on,
        validUntil: d.valid_until,
        endedOn: d.ended_on,
        recordedBy: d.recorded_by_name,
      })),
    },
  ]);
  return { buffer, count: rows.length };
}
