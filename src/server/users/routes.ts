// 用户管理：系统管理员管理本单位及下级单位的账号与角色。
import { z } from 'zod';
import { roles, type Role } from '../../core/glossary.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller } from '../http/route.ts';
import { countRows, pagingQuery } from '../http/paging.ts';
import { assertUnitInScope } from '../access/scope.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { hashPassword, passwordProblem } from '../auth/password.ts';

const roleEnum = z.enum(roles as [Role, ...Role[]], { message: `角色须为：${roles.join('、')}` });

export const listUsers = defineRoute({
  method: 'get',
  path: '/api/users',
  summary: '用户列表（本单位及下级单位）',
  tag: '用户',
  auth: moduleRead('admin'),
  query: z.object({ ...pagingQuery, q: z.string().trim().max(40).optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    let base = db.selectFrom('app_user as u').innerJoin('org_unit as o', 'o.code', 'u.home_unit_code').where('u.home_unit_code', 'in', who.scope.unitCodes);
    if (query.q) base = base.where((eb) => eb.or([eb('u.username', 'like', `%${query.q}%`), eb('u.display_name', 'like', `%${query.q}%`)]));
    const total = await countRows(base);
    const users = await base
      .select(['u.id', 'u.username', 'u.display_name', 'u.home_unit_code', 'o.name as unit_name', 'u.status'])
      .orderBy('o.path')
      .orderBy('u.username')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute();
    const ids = users.map((u) => u.id);
    const roleRows = ids.length
      ? await db
          .selectFrom('user_role as r')
          .innerJoin('org_unit as o', 'o.code', 'r.unit_code')
          .select(['r.user_id', 'r.unit_code', 'o.name', 'r.role'])
          .where('r.user_id', 'in', ids)
          .execute()
      : [];
    return {
      items: users.map((u) => ({
        id: u.id,
        username: u.username,
        displayName: u.display_name,
        homeUnitCode: u.home_unit_code,
        homeUnitName: u.unit_name,
        status: u.status,
        roles: roleRows.filter((r) => r.user_id === u.id).map((r) => ({ unitCode: r.unit_code, unitName: r.name, role: r.role })),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
    };
  },
});

export const createUser = defineRoute({
  method: 'post',
  path: '/api/users',
  summary: '新增用户并分配角色',
  tag: '用户',
  auth: moduleWrite('admin'),
  body: z.object({
    username: z.string().trim().toLowerCase().regex(/^[a-z0-9_.-]{3,40}$/, '用户名须为 3–40 位小写字母、数字、点、下划线或连字符'),
    displayName: z.string().trim().min(2, '姓名至少 2 个字').max(40),
    homeUnitCode: z.string().min(1, '请选择所属单位'),
    initialPassword: z.string().max(128),
    roles: z.array(z.object({ unitCode: z.string().min(1), role: roleEnum })).min(1, '至少分配一个角色'),
  }),
  async handler({ app, caller, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    await assertUnitInScope(db, who.scope, body.homeUnitCode);
    for (const r of body.roles) await assertUnitInScope(db, who.scope, r.unitCode);
    const problem = passwordProblem(body.initialPassword);
    if (problem) throw new AppError('WEAK_PASSWORD', `初始密码不符合要求：${problem}。`, { field: 'initialPassword' });
    const taken = await db.selectFrom('app_user').select('id').where('username', '=', body.username).executeTakeFirst();
    if (taken) throw new AppError('CONFLICT', `用户名 ${body.username} 已存在，请换一个。`, { field: 'username' });
    const passwordHash = await hashPassword(body.initialPassword);
    const created = await db.transaction().execute(async (trx) => {
      const user = await trx
        .insertInto('app_user')
        .values({ username: body.username, display_name: body.displayName, home_unit_code: body.homeUnitCode, password_hash: passwordHash })
        .returning(['id'])
        .executeTakeFirstOrThrow();
      const uniqueRoles = [...new Map(body.roles.map((r) => [`${r.unitCode}/${r.role}`, r])).values()];
      await trx
        .insertInto('user_role')
        .values(uniqueRoles.map((r) => ({ user_id: user.id, unit_code: r.unitCode, role: r.role })))
        .execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        after: { username: body.username, displayName: body.displayName, homeUnitCode: body.homeUnitCode, roles: uniqueRoles },
      });
      return user;
    });
    return { id: created.id, username: body.username };
  },
});

export const setUserStatus = defineRoute({
  method: 'post',
  path: '/api/users/:id/status',
  summary: '停用或启用用户（停用时注销其全部会话）',
  tag: '用户',
  auth: moduleWrite('admin'),
  params: z.object({ id: z.uuid('用户编号格式不正确') }),
  body: z.object({ status: z.enum(['active', 'disabled'], { message: '状态须为 active 或 disabled' }), reason: z.string().trim().min(2, '请填写原因').max(200) }),
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    const db = app.database.db;
    const user = await db.selectFrom('app_user').selectAll().where('id', '=', params.id).executeTakeFirst();
    if (!user) throw new AppError('NOT_FOUND', '用户不存在，请刷新列表后重试。');
    await assertUnitInScope(db, who.scope, user.home_unit_code);
    if (user.id === who.userId) throw new AppError('BAD_REQUEST', '不能停用自己的账号。');
    if (user.status === body.status) return { id: user.id, status: user.status };
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('app_user').set({ status: body.status }).where('id', '=', user.id).execute();
      if (body.status === 'disabled') await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
      await recordAudit(trx, {
        unitCode: who.scope.unitCode,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: 'user.status',
        objectType: 'user',
        objectId: user.id,
        before: { status: user.status },
        after: { status: body.status },
        note: body.reason,
      });
    });
    return { id: user.id, status: body.status };
  },
});

export const userRoutes = [listUsers, createUser, setUserStatus] as const;
