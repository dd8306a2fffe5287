// 执法检查人员名录库。
import { z } from 'zod';
import { defineRoute, moduleRead, requireCaller, type AnyRoute } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { escapeLike } from '../http/sqlText.ts';

export const listInspectors = defineRoute({
  method: 'get',
  path: '/api/inspectors',
  summary: '执法检查人员名录库（本单位及下级单位）',
  tag: '一单两库',
  auth: moduleRead('directories'),
  query: z.object({
    ...pagingQuery,
    q: z.string().trim().max(40).optional(),
    category: z.enum(['enforcement', 'expert']).optional(),
    status: z.enum(['在岗', '调离', '退休']).optional(),
  }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    let base = app.database.db.selectFrom('inspector as p').where('p.unit_code', 'in', who.scope.unitCodes);
    if (query.q) base = base.where((eb) => eb.or([eb('p.name', 'like', `%${escapeLike(query.q!)}%`), eb('p.cert_no', 'like', `${escapeLike(query.q!)}%`)]));
    if (query.category) base = base.where('p.category', '=', query.category);
    if (query.status) base = base.where('p.status', '=', query.status);
    const total = Number((await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .innerJoin('org_unit as o', 'o.code', 'p.unit_code')
      .select(['p.id', 'p.name', 'p.unit_code', 'o.name as unit_name', 'p.category', 'p.cert_no', 'p.cert_expires_on', 'p.position', 'p.specialties', 'p.qualifications', 'p.status', 'o.path'])
      .orderBy('o.path')
      .orderBy('p.name')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    return {
      items: rows.map((r) => ({
        id: r.id,
        name: r.name,
        unitCode: r.unit_code,
        unitName: r.unit_name,
        category: r.category,
        certNo: r.cert_no,
        certExpiresOn: r.cert_expires_on,
        position: r.position,
        specialties: r.specialties,
        qualifications: r.qualifications,
        status: r.status,
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const inspectorRoutes: AnyRoute[] = [listInspectors];
