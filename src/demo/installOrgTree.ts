// A real installation's first start without the demo: the org tree (山西省局 → 晋城/忻州 → 高平/原平…)
// and one administrator whose password must be changed at the first login. Nothing else — no
// market entities, inspectors, items, plans or other accounts; the administrator builds those
// in the console. Browser tests start the "bureau's real year" journey from here.
import type { Database } from '../db/database.ts';
import { insertInBatches } from '../db/reference-data.ts';
import { recordAudit } from '../server/audit/recordAudit.ts';
import { hashPassword } from '../server/auth/password.ts';
import { buildOrgTree } from './orgTree.ts';

export interface FirstAdministrator {
  username: string;
  displayName: string;
  /** The unit the administrator manages (its code in the org tree). */
  unitCode: string;
  /** A starting password, to be replaced at the first login. */
  password: string;
}

export function orgTreeForEmptyDatabase(admin: FirstAdministrator) {
  return async (database: Database, log: (line: string) => void) => {
    const units = buildOrgTree().sort((a, b) => a.path.split('.').length - b.path.split('.').length);
    if (!units.some((u) => u.code === admin.unitCode)) throw new Error(`单位代码 ${admin.unitCode} 不在组织机构中。`);
    const passwordHash = await hashPassword(admin.password);
    await database.db.transaction().execute(async (trx) => {
      await insertInBatches(trx, 'org_unit', units);
      const user = await trx
        .insertInto('app_user')
        .values({
          username: admin.username,
          display_name: admin.displayName,
          home_unit_code: admin.unitCode,
          password_hash: passwordHash,
          must_change_password: true,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_role').values({ user_id: user.id, unit_code: admin.unitCode, role: 'admin' }).execute();
      await recordAudit(trx, {
        unitCode: admin.unitCode,
        actorUserId: null,
        actorName: '系统',
        action: 'user.create',
        objectType: 'user',
        objectId: user.id,
        after: {
          username: admin.username,
          displayName: admin.displayName,
          homeUnitCode: admin.unitCode,
          roles: [{ unitCode: admin.unitCode, role: 'admin' }],
          firstStart: true,
        },
      });
    });
    log(`首次启动：组织机构 ${units.length} 个，系统管理员 ${admin.username}（首次登录须修改密码）`);
    return { units: units.length, users: 1 };
  };
}
