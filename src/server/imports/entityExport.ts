// 检查对象名录库导出 (.xlsx) in the import layout, so an exported file re-imports unchanged.
// Streams rows page by page (keyset) into exceljs' streaming writer: 1,000,000 entities never
// sit in memory at once.
import ExcelJS from '../files/exceljs.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { enterpriseTypeName } from '../../core/entities/enterpriseTypes.ts';
import { subjectTypeLabel } from '../../core/glossary.ts';
import { ENTITY_COLUMNS } from './entityRows.ts';
import { neutraliseRow } from '../files/spreadsheet.ts';

const PAGE = 5000;

export async function exportEntitiesXlsx(db: Kysely<DB>, unitCodes: string[], filePath: string): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet('检查对象名录库', { views: [{ state: 'frozen', ySplit: 1 }] });
  const c = ENTITY_COLUMNS;
  sheet.columns = [
    { header: c.uscc.label, key: 'uscc', width: 22 },
    { header: c.name.label, key: 'name', width: 36 },
    { header: c.subjectType.label, key: 'subjectType', width: 14 },
    { header: c.enterpriseType.label, key: 'enterpriseType', width: 10 },
    { header: c.enterpriseTypeName.label, key: 'enterpriseTypeName', width: 30 },
    { header: c.regStatus.label, key: 'regStatus', width: 10 },
    { header: c.establishedOn.label, key: 'establishedOn', width: 12 },
    { header: c.address.label, key: 'address', width: 40 },
    { header: c.legalRep.label, key: 'legalRep', width: 12 },
    { header: c.regAuthority.label, key: 'regAuthority', width: 24 },
    { header: c.regionCode.label, key: 'regionCode', width: 10 },
    { header: c.unitCode.label, key: 'unitCode', width: 18 },
    { header: c.industryCode.label, key: 'industryCode', width: 10 },
    { header: c.tags.label, key: 'tags', width: 30 },
    { header: c.riskClass.label, key: 'riskClass', width: 10 },
    { header: c.riskClassSince.label, key: 'riskClassSince', width: 12 },
  ];
  let count = 0;
  let after: { region: string; uscc: string } | null = null;
  for (;;) {
    let query = db
      .selectFrom('market_entity')
      .selectAll()
      .where('unit_code', 'in', unitCodes)
      .orderBy('region_code')
      .orderBy('uscc')
      .limit(PAGE);
    if (after) {
      const a = after;
      query = query.where((eb) =>
        eb.or([eb('region_code', '>', a.region), eb.and([eb('region_code', '=', a.region), eb('uscc', '>', a.uscc)])]),
      );
    }
    const rows = await query.execute();
    for (const e of rows) {
      sheet
        .addRow(
          neutraliseRow({
            uscc: e.uscc,
            name: e.name,
            subjectType: subjectTypeLabel[e.subject_type],
            enterpriseType: e.enterprise_type,
            enterpriseTypeName: e.enterprise_type ? (enterpriseTypeName(e.enterprise_type) ?? '未知代码') : null,
            regStatus: e.reg_status,
            establishedOn: e.established_on,
            address: e.address,
            legalRep: e.legal_rep,
            regAuthority: e.reg_authority,
            regionCode: e.region_code,
            unitCode: e.unit_code,
            industryCode: e.industry_code,
            tags: e.tags.join('、'),
            riskClass: e.risk_class,
            riskClassSince: e.risk_class_since,
          }),
        )
        .commit();
    }
    count += rows.length;
    if (rows.length < PAGE) break;
    const last = rows[rows.length - 1]!;
    after = { region: last.region_code, uscc: last.uscc };
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
