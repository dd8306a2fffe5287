// 抽查事项清单 on the public portal: the items of the issued (current) lists — 事项类别, 事项名称,
// 抽查内容, 检查依据, 检查对象, 检查方式, 检查主体, 重点/一般 and the 抽查指引. Drafts never appear.
import { z } from 'zod';
import { escapeLike } from '../http/sqlText.ts';
import { defineRoute, publicRoute } from '../http/route.ts';

export const publicCheckItems = defineRoute({
  method: 'get',
  path: '/api/public/check-items',
  summary: '抽查事项清单：各级已发布的随机抽查事项清单（每个发布单位的最新版本），可按关键词筛选',
  tag: '公开',
  auth: publicRoute,
  query: z.object({ q: z.string().trim().max(60, '关键词最多 60 个字').optional() }),
  async handler({ app, query }) {
    const db = app.database.db;
    // The latest issued version of each issuing unit.
    const versions = await db
      .selectFrom('check_item_version as v')
      .innerJoin('org_unit as o', 'o.code', 'v.issuing_unit_code')
      .select(['v.id', 'v.issuing_unit_code', 'o.name as unit_name', 'v.title', 'v.version_no', 'v.issued_on'])
      .where('v.status', '=', 'issued')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('check_item_version as later')
              .select('later.id')
              .whereRef('later.issuing_unit_code', '=', 'v.issuing_unit_code')
              .where('later.status', '=', 'issued')
              .whereRef('later.version_no', '>', 'v.version_no'),
          ),
        ),
      )
      .orderBy('v.issuing_unit_code')
      .execute();
    if (versions.length === 0) return { versions: [], items: [] };
    let q = db
      .selectFrom('check_item')
      .select([
        'version_id',
        'item_code',
        'seq',
        'category',
        'name',
        'content',
        'legal_basis',
        'target',
        'methods',
        'subject_level',
        'is_key',
        'guide',
      ])
      .where(
        'version_id',
        'in',
        versions.map((v) => v.id),
      );
    if (query.q) {
      const like = `%${escapeLike(query.q)}%`;
      q = q.where((eb) =>
        eb.or([eb('name', 'like', like), eb('category', 'like', like), eb('content', 'like', like), eb('item_code', 'like', like)]),
      );
    }
    const items = await q.orderBy('version_id').orderBy('seq').execute();
    return {
      versions: versions.map((v) => ({ id: v.id, unitName: v.unit_name, title: v.title, versionNo: v.version_no, issuedOn: v.issued_on })),
      items: items.map((i) => ({
        versionId: i.version_id,
        itemCode: i.item_code,
        seq: i.seq,
        category: i.category,
        name: i.name,
        content: i.content,
        legalBasis: i.legal_basis,
        target: i.target,
        methods: i.methods,
        subjectLevel: i.subject_level,
        isKey: i.is_key,
        guide: i.guide,
      })),
    };
  },
});

export const publicCheckItemRoutes = [publicCheckItems] as const;
