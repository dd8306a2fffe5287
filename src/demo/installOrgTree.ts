// A real installation's first start without the demo, for browser tests: the demo's org tree
// (山西省局 → 晋城/忻州 → 高平/原平…) and one administrator whose password must be changed at the
// first login, written as `ssj init` writes an operator's file (src/server/orgs/installCommands.ts).
// Nothing else — no market entities, inspectors, items, plans or other accounts; the
// administrator builds those in the console. Browser tests start the "bureau's real year"
// journey from here.
import type { Database } from '../db/database.ts';
import { installOrgTree, type FirstAdministrator } from '../server/orgs/installCommands.ts';
import { buildOrgTree } from './orgTree.ts';

export type { FirstAdministrator };

export function orgTreeForEmptyDatabase(admin: FirstAdministrator) {
  return async (database: Database, log: (line: string) => void) => {
    const units = buildOrgTree().sort((a, b) => a.path.split('.').length - b.path.split('.').length);
    const installed = await installOrgTree(database.db, { units, admin, actorName: '系统', source: '演示组织机构' });
    log(`首次启动：组织机构 ${installed.units} 个，系统管理员 ${admin.username}（首次登录须修改密码）`);
    return installed;
  };
}
