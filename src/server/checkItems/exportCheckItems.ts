// 随机抽查事项清单 export: one version as .xlsx in the import layout (so an export re-imports),
// with the claims of one unit beside each item when asked. Shared by the API and the CLI.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { writeXlsx } from '../files/spreadsheet.ts';
import { findVersion, loadVersionItems } from './checkItemLists.ts';

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
