// Writes the demo data set (demoData.ts) into an empty database, in one transaction with
// multi-row inserts of at most 1,000 rows. Needs the reference data (loadReferenceData)
// first: org units and entities point at ref_division.
import type { Database } from '../db/database.ts';
import { insertInBatches } from '../db/reference-data.ts';
import { hashPassword } from '../server/auth/password.ts';
import { AppError } from '../server/http/errors.ts';
import { DEMO_PASSWORD, demoAccountSpecs } from './accounts.ts';
import { buildDemoData } from './demoData.ts';
import { buildOrgTree } from './orgTree.ts';

export interface LoadDemoOptions {
  /** 高平市's market entities (default 30,000); 原平 and 泽州 get 1/15 and 1/60 of it. */
  entitiesPerCounty?: number;
  /** Progress lines in Chinese, for the console. */
  onProgress?: (message: string) => void;
  /** Another seed gives another, equally deterministic data set. */
  seed?: number;
}

export interface DemoCounts {
  units: number;
  users: number;
  entities: number;
  inspectors: number;
}

export async function loadDemo(database: Database, options: LoadDemoOptions = {}): Promise<DemoCounts> {
  const progress = options.onProgress ?? (() => undefined);
  const db = database.db;
  await refuseNonEmpty(database);

  // Org units, entities and inspectors all lie in the regions of the org tree.
  const regions = [...new Set(buildOrgTree().map((u) => u.region_code))];
  const known = await db.selectFrom('ref_division').select('code').where('code', 'in', regions).execute();
  if (known.length !== regions.length) {
    const missing = regions.filter((code) => !known.some((k) => k.code === code));
    throw new AppError(
      'CONFLICT',
      `参考数据（行政区划）尚未载入，缺少 ${missing.join('、')}：请先运行 ssj migrate（loadReferenceData），再载入演示数据。`,
      { missing },
    );
  }

  // Hash before the transaction: argon2id takes ~90 ms per account (runs on the thread pool).
  const hashes = new Map(
    await Promise.all(demoAccountSpecs.map(async (spec) => [spec.username, await hashPassword(DEMO_PASSWORD)] as const)),
  );
  const data = buildDemoData({ passwordHashes: hashes, entitiesPerCounty: options.entitiesPerCounty, seed: options.seed });

  await db.transaction().execute(async (trx) => {
    await refuseNonEmpty({ ...database, db: trx });
    // Parents before children: a batch boundary may fall between them.
    const units = [...data.units].sort((a, b) => a.path.split('.').length - b.path.split('.').length);
    await insertInBatches(trx, 'org_unit', units);
    progress(`组织机构 ${units.length} 个`);
    await insertInBatches(trx, 'app_user', data.users);
    await insertInBatches(trx, 'user_role', data.roles);
    progress(`演示账号 ${data.users.length} 个`);
    await insertInBatches(trx, 'market_entity', data.entities, {
      onBatch: (done, total) => {
        if (done % 10_000 === 0 || done === total) progress(`市场主体 ${done}/${total}`);
      },
    });
    await insertInBatches(trx, 'inspector', data.inspectors);
    progress(`执法检查人员 ${data.inspectors.length} 名`);
  });

  return { units: data.units.length, users: data.users.length, entities: data.entities.length, inspectors: data.inspectors.length };
}

async function refuseNonEmpty(database: Pick<Database, 'db'>): Promise<void> {
  const row = await database.db
    .selectFrom('org_unit')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(row.n) > 0) {
    throw new AppError(
      'CONFLICT',
      `数据库中已有 ${row.n} 个组织机构，演示数据只能载入空数据库（避免与真实数据混在一起）。请换一个空的数据目录（--data-dir）或数据库后再试。`,
      { orgUnits: Number(row.n) },
    );
  }
}
