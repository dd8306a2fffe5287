// 抽查结果公告 on the portal: published, not stopped results only — 企业名称, 统一社会信用代码,
// 检查机关, 任务编号, 检查日期, 检查结果. Never risk classes, inspectors, findings or attachments.
import { z } from 'zod';
import { AppError } from '../http/errors.ts';
import { escapeLike } from '../http/sqlText.ts';
import { defineRoute, publicRoute } from '../http/route.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

function publicRows(db: Kysely<DB>) {
  return db
    .selectFrom('visit_result as r')
    .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
    .select(['r.id', 'r.entity_name', 'r.uscc', 'o.name as authority', 'r.task_code', 'r.checked_on', 'r.public_text', 'r.published_on'])
    .where('r.published_on', 'is not', null)
    .where('r.stopped_on', 'is', null);
}

const toView = (r: {
  id: string;
  entity_name: string;
  uscc: string;
  authority: string;
  task_code: string;
  checked_on: string | null;
  public_text: string | null;
  published_on: string | null;
}) => ({
  id: r.id,
  entityName: r.entity_name,
  uscc: r.uscc,
  authority: r.authority,
  taskCode: r.task_code,
  checkedOn: r.checked_on,
  result: r.public_text,
  publishedOn: r.published_on,
});

export const searchPublicResults = defineRoute({
  method: 'get',
  path: '/api/public/results',
  summary: '抽查结果公告：按企业名称或统一社会信用代码查询已公示的检查结果',
  tag: '公开',
  auth: publicRoute,
  query: z.object({
    q: z.string().trim().max(60, '关键词最多 60 个字').optional(),
    page: z.coerce.number().int().min(1).max(1000).default(1),
  }),
  async handler({ app, query }) {
    let q = publicRows(app.database.db);
    if (query.q) {
      const term = query.q.toUpperCase();
      q = /^[0-9A-Z]{6,18}$/.test(term)
        ? q.where('r.uscc', 'like', `${escapeLike(term)}%`)
        : q.where('r.entity_name', 'like', `%${escapeLike(query.q)}%`);
    }
    const rows = await q
      .orderBy('r.published_on', 'desc')
      .orderBy('r.uscc')
      .limit(20)
      .offset((query.page - 1) * 20)
      .execute();
    return { items: rows.map(toView), page: query.page };
  },
});

export const publicEntity = defineRoute({
  method: 'get',
  path: '/api/public/entities/:uscc',
  summary: '企业的已公示抽查检查结果',
  tag: '公开',
  auth: publicRoute,
  params: z.object({ uscc: z.string().trim().min(15).max(20) }),
  async handler({ app, params }) {
    const rows = await publicRows(app.database.db).where('r.uscc', '=', params.uscc).orderBy('r.checked_on', 'desc').execute();
    if (rows.length === 0) throw new AppError('NOT_FOUND', `没有统一社会信用代码为 ${params.uscc} 的已公示抽查结果。`);
    return { uscc: params.uscc, entityName: rows[0]!.entity_name, results: rows.map(toView) };
  },
});

export const publicResultRoutes = [searchPublicResults, publicEntity] as const;
