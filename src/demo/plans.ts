// The three seed plans loaded for their units, through the same use
// cases as the console: 高平 2025 (seed 002) and 原平 2024 部门联合 (seed 004) published and
// filed on time; 晋城 2023 (seed 000) left as a draft, because the seed's own table has empty
// cells (tasks 5, 8, 21, 22) that a planner must fill before publishing. Filing deadlines:
// 晋城市局 4月15日 2025, 忻州市局 4月15日 2024 (seed 001).
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { normalizePopulation, parsePlanTable } from '../core/plan/index.ts';
import { loadScope } from '../server/access/scope.ts';
import { createPlan, filePlan, publishPlan, updateTask } from '../server/plans/planCommands.ts';
import { loadTasks } from '../server/plans/planViews.ts';

const FIXTURES = path.join(import.meta.dirname, '../core/plan/fixtures');

interface SeedPlan {
  file: string;
  unitCode: string;
  year: number;
  kind: 'own' | 'joint';
  title: string;
  docNumber: string;
  deadline: string;
  /** When the planner imported the seed table (the draft); sub-libraries are linked a day later. */
  createdAt: string;
  publishedAt: string | null;
  filedAt: string | null;
}

export const DEMO_PLANS: readonly SeedPlan[] = [
  {
    file: 'seed002.tsv',
    unitCode: '140581',
    year: 2025,
    kind: 'own',
    title: '高平市市场监督管理局2025年度“双随机、一公开”抽查工作计划',
    docNumber: '高市市监办发〔2025〕9号',
    deadline: '2025-12-15',
    createdAt: '2025-03-10T01:30:00Z',
    publishedAt: '2025-03-20T02:00:00Z',
    filedAt: '2025-04-08T03:00:00Z',
  },
  {
    file: 'seed004.tsv',
    unitCode: '140981',
    year: 2024,
    kind: 'joint',
    title: '原平市2024年度部门联合“双随机、一公开”抽查工作计划',
    docNumber: '原双随机办〔2024〕2号',
    deadline: '2024-11-30',
    createdAt: '2024-03-25T01:30:00Z',
    publishedAt: '2024-04-02T02:00:00Z',
    filedAt: '2024-04-12T03:00:00Z',
  },
  {
    file: 'seed000.tsv',
    unitCode: '140500',
    year: 2023,
    kind: 'own',
    title: '晋城市市场监督管理局2023年度“双随机、一公开”抽查工作计划',
    docNumber: '晋市监〔2023〕21号',
    deadline: '2023-12-20',
    createdAt: '2023-02-20T01:30:00Z',
    publishedAt: null,
    filedAt: null,
  },
];

export const DEMO_FILING_DEADLINES = [
  { unit_code: '140500', year: 2025, due_on: '2025-04-15' },
  { unit_code: '140900', year: 2024, due_on: '2024-04-15' },
] as const;

const actor = { userId: null, name: '演示数据' };
const demoCaller = { userId: null, displayName: actor.name };
const DAY_MS = 24 * 60 * 60 * 1000;

/** Loads the seed plans; returns how many plans and tasks. Runs its own transactions. */
export async function loadDemoPlans(db: Kysely<DB>): Promise<{ plans: number; tasks: number }> {
  let tasks = 0;
  const existingUnits = new Set((await db.selectFrom('org_unit').select('code').execute()).map((u) => u.code));
  for (const seed of DEMO_PLANS) {
    if (!existingUnits.has(seed.unitCode)) continue;
    const table = parsePlanTable(fs.readFileSync(path.join(FIXTURES, seed.file), 'utf8'), { year: seed.year });
    tasks += table.tasks.length;
    const id = await db.transaction().execute((trx) =>
      createPlan(
        trx,
        {
          unitCode: seed.unitCode,
          year: seed.year,
          kind: seed.kind,
          header: { title: seed.title, docNumber: seed.docNumber, deadline: seed.deadline },
          table,
          sourceFileName: seed.file,
        },
        { ...actor, now: new Date(seed.createdAt) },
      ),
    );
    const scope = await loadScope(db, seed.unitCode);
    await linkSubLibraries(db, scope, id, seed);
    // Published and filed through the use cases at the seed's own dates (the caller's clock).
    if (seed.publishedAt === null) continue;
    await publishPlan(db, { scope, ...demoCaller, now: new Date(seed.publishedAt) }, { id });
    if (seed.filedAt === null) continue;
    await filePlan(db, { scope, ...demoCaller, now: new Date(seed.filedAt) }, { id });
  }
  const units = DEMO_FILING_DEADLINES.filter((d) => existingUnits.has(d.unit_code));
  if (units.length > 0)
    await db
      .insertInto('plan_filing_deadline')
      .values(units.map((d) => ({ ...d, set_by_name: '演示数据', updated_at: new Date(`${d.year}-01-15T01:00:00Z`) })))
      .execute();
  return { plans: DEMO_PLANS.filter((p) => existingUnits.has(p.unitCode)).length, tasks };
}

/** Links each task to the unit's 名录分库 whose name matches its written population. */
async function linkSubLibraries(db: Kysely<DB>, scope: Awaited<ReturnType<typeof loadScope>>, planId: string, seed: SeedPlan) {
  const libraries = await db.selectFrom('sub_library').select(['id', 'name']).where('unit_code', '=', seed.unitCode).execute();
  if (libraries.length === 0) return;
  const plan = { unitCode: seed.unitCode, id: planId };
  for (const task of await loadTasks(db, plan, 1, false)) {
    // The seed writes 个体户 where the directory says 个体工商户; "个体户 合作社" is the 合作社 task.
    const population = normalizePopulation(task.population)
      .replace(/^个体户合作社$/, '农民专业合作社')
      .replace(/个体户$/, '个体工商户');
    // An exact match first (全市范围内存续的企业 → 全市存续企业), then containment (…工业产品企业 → 全市获证…).
    const names = libraries.map((lib) => ({ lib, name: normalizePopulation(lib.name) }));
    const match =
      names.find((n) => n.name !== '' && n.name === population)?.lib ??
      names.find((n) => n.name !== '' && population !== '' && (population.includes(n.name) || n.name.includes(population)))?.lib;
    if (!match) continue;
    const now = new Date(new Date(seed.createdAt).getTime() + DAY_MS);
    await updateTask(db, { scope, ...demoCaller, now }, { id: planId, code: task.code, cells: task.cells, subLibraryId: match.id });
  }
}
