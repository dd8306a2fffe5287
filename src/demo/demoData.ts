// The whole demo data set as plain rows, from one seed: org tree, accounts, market
// entities (高平 30,000 by default; 原平 and 泽州 smaller, so scoping can be tried) and
// inspectors. Pure: the caller hashes the passwords and writes the rows.
import { buildDemoUsers, type DemoUsers, demoAccountSpecs } from './accounts.ts';
import { generateEntities, type DemoEntity } from './entities.ts';
import { generateInspectors, type DemoInspector, type NamedInspector } from './inspectors.ts';
import { buildOrgTree, DEMO_COUNTY_CODES, demoCounty, type DemoOrgUnit } from './orgTree.ts';
import { createRandom, DEMO_SEED } from './random.ts';

/** 高平市's entity count by default (the demo's scale: a real county-level directory). */
export const DEFAULT_ENTITIES_PER_COUNTY = 30_000;

/**
 * Entities per county: 高平 gets `entitiesPerCounty`; 原平 1/15 of it and 泽州 1/60 (2,000 and
 * 500 by default), at least 20 each, so every county has rows to scope.
 */
export function demoEntityCounts(entitiesPerCounty = DEFAULT_ENTITIES_PER_COUNTY): Record<string, number> {
  if (!Number.isInteger(entitiesPerCounty) || entitiesPerCounty < 1) {
    throw new Error(`每县市场主体数应为正整数，收到 ${entitiesPerCounty}`);
  }
  return {
    [DEMO_COUNTY_CODES.gaoping]: entitiesPerCounty,
    [DEMO_COUNTY_CODES.yuanping]: Math.max(20, Math.round(entitiesPerCounty / 15)),
    [DEMO_COUNTY_CODES.zezhou]: Math.max(20, Math.round(entitiesPerCounty / 60)),
  };
}

/** Inspectors per county bureau. */
export const DEMO_INSPECTOR_COUNTS: Readonly<Record<string, number>> = {
  [DEMO_COUNTY_CODES.gaoping]: 160,
  [DEMO_COUNTY_CODES.yuanping]: 30,
  [DEMO_COUNTY_CODES.zezhou]: 12,
};

// Accounts with the inspector role also appear in the inspector directory, in their home unit.
const inspectorAccounts: NamedInspector[] = demoAccountSpecs
  .filter((spec) => spec.assignments.some((a) => a.role === 'inspector'))
  .map((spec) => ({ name: spec.displayName, unitCode: spec.homeUnitCode, gender: spec.gender ?? '男' }));

export interface DemoData extends DemoUsers {
  units: DemoOrgUnit[];
  entities: DemoEntity[];
  inspectors: DemoInspector[];
}

export interface BuildDemoDataOptions {
  /** username → password hash, for every demo account. */
  passwordHashes: ReadonlyMap<string, string>;
  entitiesPerCounty?: number;
  seed?: number;
}

export function buildDemoData(options: BuildDemoDataOptions): DemoData {
  const random = createRandom(options.seed ?? DEMO_SEED);
  const units = buildOrgTree();
  const { users, roles } = buildDemoUsers(options.passwordHashes, random.fork('accounts'));
  const entities: DemoEntity[] = [];
  for (const [code, count] of Object.entries(demoEntityCounts(options.entitiesPerCounty))) {
    entities.push(...generateEntities(demoCounty(code), count, random.fork(`entities:${code}`)));
  }
  const inspectors: DemoInspector[] = [];
  for (const [code, count] of Object.entries(DEMO_INSPECTOR_COUNTS)) {
    const named = inspectorAccounts.filter((p) => p.unitCode === code || p.unitCode.startsWith(`${code}-`));
    inspectors.push(...generateInspectors(code, units, count, random.fork(`inspectors:${code}`), named));
  }
  return { units, users, roles, entities, inspectors };
}
