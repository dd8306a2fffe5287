// 其他检查对象（产品/项目/行为/标准）export to .xlsx in the import's column layout, so an exported
// file is also the import template and re-imports with nothing changed.
import type { Kysely } from 'kysely';
import { objectKindLabel, type ObjectKind } from '../../core/glossary.ts';
import { objectStatusLabel } from '../../core/directoryObjects/objectFields.ts';
import type { DB } from '../../db/schema.ts';
import { importLayoutColumns } from '../files/rowImport.ts';
import { writeXlsx } from '../files/spreadsheet.ts';
import { objectImportColumns } from './importObjects.ts';

export async function exportDirectoryObjects(
  db: Kysely<DB>,
  unitCodes: readonly string[],
  kind?: ObjectKind,
): Promise<{ buffer: Buffer; count: number }> {
  let query = db
    .selectFrom('directory_object as d')
    .innerJoin('org_unit as u', 'u.code', 'd.unit_code')
    .select([
      'd.object_kind',
      'd.object_code',
      'd.name',
      'd.description',
      'd.uscc',
      'd.unit_code',
      'd.region_code',
      'd.industry_code',
      'd.tags',
      'd.status',
    ])
    .where('d.unit_code', 'in', [...unitCodes]);
  if (kind) query = query.where('d.object_kind', '=', kind);
  const rows = await query.orderBy('u.path').orderBy('d.object_kind').orderBy('d.object_code').execute();
  const buffer = await writeXlsx([
    {
      name: '其他检查对象',
      // The unit as its code, not its name: names of 所 repeat across counties, codes do not.
      columns: importLayoutColumns(objectImportColumns, {
        kind: 10,
        code: 26,
        name: 36,
        description: 40,
        uscc: 24,
        unit: 16,
        regionCode: 10,
        industryCode: 10,
        tags: 30,
        status: 8,
      }),
      rows: rows.map((r) => ({
        kind: objectKindLabel[r.object_kind],
        code: r.object_code,
        name: r.name,
        description: r.description,
        uscc: r.uscc,
        unit: r.unit_code,
        regionCode: r.region_code.trim(),
        industryCode: r.industry_code,
        tags: r.tags.join('、'),
        status: objectStatusLabel[r.status],
      })),
    },
  ]);
  return { buffer, count: rows.length };
}
