// 组织机构：查看本单位及下级单位；系统管理员可在本单位之下新增单位。
import { z } from 'zod';
import { unitKindLabel, type UnitKind } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import { anySession, defineRoute, moduleWrite, requireCaller } from '../http/route.ts';
import { assertUnitInScope } from '../access/scope.ts';
import { recordAudit } from '../audit/recordAudit.ts';

const presentUnit = (u: {
  code: string;
  name: string;
  short_name: string;
  kind: string;
  parent_code: string | null;
  path: string;
  region_code: string;
  dept_type: string | null;
}) => ({
  code: u.code,
  name: u.name,
  shortName: u.short_name,
  kind: u.kind,
  parentCode: u.parent_code,
  path: u.path,
  regionCode: u.region_code,
  deptType: u.dept_type,
});

export const listOrgs = defineRoute({
  method: 'get',
  path: '/api/orgs',
  summary: '本单位及下级单位列表（扁平；按 parentCode 组成树，同级按排序号、名称排列）',
  tag: '组织机构',
  auth: anySession,
  async handler({ app, caller }) {
    const who = requireCaller(caller);
    const rows = await app.database.db
      .selectFrom('org_unit')
      .selectAll()
      .where('code', 'in', who.scope.unitCodes)
      .orderBy('sort_order')
      .orderBy('name')
      .execute();
    return { items: rows.map(presentUnit) };
  },
});

export const getOrg = defineRoute({
  method: 'get',
  path: '/api/orgs/:code',
  summary: '单位详情',
  tag: '组织机构',
  auth: anySession,
  params: z.object({ code: z.string().min(1).max(64) }),
  async handler({ app, caller, params }) {
    const who = requireCaller(caller);
    await assertUnitInScope(app.database.db, who.scope, params.code);
    const row = await app.database.db.selectFrom('org_unit').selectAll().where('code', '=', params.code).executeTakeFirstOrThrow();
    return presentUnit(row);
  },
});

const childKinds: Record<UnitKind, UnitKind[]> = {
  province: ['city', 'office'],
  city: ['county', 'office', 'station'],
  county: ['office', 'station', 'department'],
  office: [],
  station: [],
  department: [],
};

export const createOrg = defineRoute({
  method: 'post',
  path: '/api/orgs',
  summary: '新增下级单位（股室/所/成员单位等）',
  tag: '组织机构',
  auth: moduleWrite('admin'),
  body: z.object({
    parentCode: z.string().min(1, '请选择上级单位'),
    code: z.string().regex(/^[0-9a-z-]{2,64}$/, '单位代码只能包含小写字母、数字和连字符（2–64 位）'),
    name: z.string().trim().min(2, '单位名称至少 2 个字').max(100),
    shortName: z.string().trim().min(1).max(40).optional(),
    kind: z.enum(['city', 'county', 'office', 'station', 'department'], { message: '单位类型无效' }),
    deptType: z.string().trim().max(20).optional(),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    await assertUnitInScope(db, who.scope, body.parentCode);
    const parent = await db.selectFrom('org_unit').selectAll().where('code', '=', body.parentCode).executeTakeFirstOrThrow();
    if (!childKinds[parent.kind].includes(body.kind)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `「${unitKindLabel[parent.kind]}」单位下不能设「${unitKindLabel[body.kind]}」。可设：${childKinds[parent.kind].map((k) => unitKindLabel[k]).join('、') || '无'}。`,
        { field: 'kind' },
      );
    }
    const exists = await db.selectFrom('org_unit').select('code').where('code', '=', body.code).executeTakeFirst();
    if (exists) throw new AppError('CONFLICT', `单位代码 ${body.code} 已被使用，请换一个代码。`, { field: 'code' });
    const row = {
      code: body.code,
      name: body.name,
      short_name: body.shortName ?? body.name,
      kind: body.kind,
      parent_code: parent.code,
      path: `${parent.path}.${body.code}`,
      region_code: parent.region_code,
      dept_type: body.kind === 'department' ? (body.deptType ?? null) : null,
    };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('org_unit').values(row).execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'org.create',
        objectType: 'org_unit',
        objectId: row.code,
        after: row,
      });
    });
    return presentUnit(row);
  },
});

export const orgRoutes = [listOrgs, getOrg, createOrg] as const;
