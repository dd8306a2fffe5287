// The demo's plans loaded for their units, through the same use cases as the console: the seed
// plans — 高平 2025 (seed 002) and 原平 2024 部门联合 (seed 004) published and filed on time; 晋城
// 2023 (seed 000) left as a draft, because the seed's own table has empty cells (tasks 5, 8, 21,
// 22) that a planner must fill before publishing — and two small 2025 plans written for the demo
// (fixtures/), so the city and the province have a year of their own: 晋城市局's (a 市抽县查 task
// its counties inspect, a 市抽市查 task never drawn) filed on time, and 泽州县局's filed after
// the city's deadline, with their own 名录分库. Filing deadlines: 山西省局 3月31日 2025 (for the
// cities), 晋城市局 4月15日 2025, 忻州市局 4月15日 2024 (seed 001).
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { clearSuggestion, parsePlanTable, suggestSubLibraries } from '../core/plan/index.ts';
import { loadScope } from '../server/access/scope.ts';
import { createPlan, filePlan, publishPlan, updateTask } from '../server/plans/planCommands.ts';
import { loadTasks } from '../server/plans/planViews.ts';
import { libraryCandidates } from '../server/plans/subLibraryFit.ts';
import { insertDemoSubLibraries, type DemoSubLibrary } from './subLibraries.ts';

const SEED_FIXTURES = '../core/plan/fixtures';

interface SeedPlan {
  /** The plan table, relative to this directory. */
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
  /** Why the plan was published with tasks that have no drawable population (recorded with the version). */
  undrawableReason: string | null;
  /**
   * 名录分库 the unit adds just before this plan (after the earlier plans were linked, so they
   * never rival an earlier plan's suggestions).
   */
  subLibraries?: readonly DemoSubLibrary[];
}

const ACTIVE: DemoSubLibrary['rule']['regStatuses'] = ['存续', '在业'];

export const DEMO_PLANS: readonly SeedPlan[] = [
  {
    file: `${SEED_FIXTURES}/seed002.tsv`,
    unitCode: '140581',
    year: 2025,
    kind: 'own',
    title: '高平市市场监督管理局2025年度“双随机、一公开”抽查工作计划',
    docNumber: '高市市监办发〔2025〕9号',
    deadline: '2025-12-15',
    createdAt: '2025-03-10T01:30:00Z',
    publishedAt: '2025-03-20T02:00:00Z',
    filedAt: '2025-04-08T03:00:00Z',
    undrawableReason:
      '任务10“全市宣传出版、文化教育、交易市场等领域”尚无对应的名录分库，由计量股按行业名单确定检查对象后补充关联；关联分库暂为 0 户的任务，待名录库补充数据后再抽取',
  },
  {
    file: `${SEED_FIXTURES}/seed004.tsv`,
    unitCode: '140981',
    year: 2024,
    kind: 'joint',
    title: '原平市2024年度部门联合“双随机、一公开”抽查工作计划',
    docNumber: '原双随机办〔2024〕2号',
    deadline: '2024-11-30',
    createdAt: '2024-03-25T01:30:00Z',
    publishedAt: '2024-04-02T02:00:00Z',
    filedAt: '2024-04-12T03:00:00Z',
    undrawableReason:
      '学校、防雷、排污等联合抽查任务的检查对象不在市场主体名录库中，由各发起部门按本部门监管对象名录抽取；各部门提供名录后调整计划关联',
  },
  {
    file: `${SEED_FIXTURES}/seed000.tsv`,
    unitCode: '140500',
    year: 2023,
    kind: 'own',
    title: '晋城市市场监督管理局2023年度“双随机、一公开”抽查工作计划',
    docNumber: '晋市监〔2023〕21号',
    deadline: '2023-12-20',
    createdAt: '2023-02-20T01:30:00Z',
    publishedAt: null,
    filedAt: null,
    undrawableReason: null,
  },
  {
    file: 'fixtures/jincheng2025.tsv',
    unitCode: '140500',
    year: 2025,
    kind: 'own',
    title: '晋城市市场监督管理局2025年度“双随机、一公开”抽查工作计划',
    docNumber: '晋市监〔2025〕12号',
    deadline: '2025-11-30',
    createdAt: '2025-03-03T01:30:00Z',
    publishedAt: '2025-03-14T02:00:00Z',
    filedAt: '2025-03-27T03:00:00Z',
    undrawableReason: '全市加油站名录分库待计量科核实加油站名单后建立，建立后关联并抽取',
    subLibraries: [
      {
        // Named by the city, so it never ties with a county's own 特种设备使用单位 library in that county's suggestions.
        name: '晋城市特种设备使用单位',
        description: '全市使用锅炉、压力容器、电梯、起重机械等特种设备的单位',
        rule: { tags: { anyOf: ['特种设备使用单位'] }, regStatuses: ACTIVE },
      },
    ],
  },
  {
    file: 'fixtures/zezhou2025.tsv',
    unitCode: '140525',
    year: 2025,
    kind: 'own',
    title: '泽州县市场监督管理局2025年度“双随机、一公开”抽查工作计划',
    docNumber: '泽市监发〔2025〕5号',
    deadline: '2025-11-30',
    createdAt: '2025-03-24T01:30:00Z',
    publishedAt: '2025-04-10T02:00:00Z',
    // After 晋城市局's deadline (4月15日): 计划备案及时率 shows a late filing.
    filedAt: '2025-04-24T03:00:00Z',
    undrawableReason: '特种设备使用单位名录由特种设备股与市局名录分库核对后关联，关联后再抽取',
    subLibraries: [
      { name: '全县存续市场主体', description: '登记状态为存续（在业）的各类市场主体', rule: { regStatuses: ACTIVE } },
      {
        name: '全县食品经营单位',
        description: '持有食品经营许可证的经营者',
        rule: { tags: { anyOf: ['食品经营许可'] }, regStatuses: ACTIVE },
      },
    ],
  },
];

export const DEMO_FILING_DEADLINES = [
  { unit_code: '140000', year: 2025, due_on: '2025-03-31' },
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
    if (seed.subLibraries) await db.transaction().execute((trx) => insertDemoSubLibraries(trx, seed.unitCode, seed.subLibraries!));
    const table = parsePlanTable(fs.readFileSync(path.join(import.meta.dirname, seed.file), 'utf8'), { year: seed.year });
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
          sourceFileName: path.basename(seed.file),
        },
        { ...actor, now: new Date(seed.createdAt) },
      ),
    );
    const scope = await loadScope(db, seed.unitCode);
    await linkSubLibraries(db, scope, id, seed);
    // Published and filed through the use cases at the seed's own dates (the caller's clock).
    if (seed.publishedAt === null) continue;
    await publishPlan(
      db,
      { scope, ...demoCaller, now: new Date(seed.publishedAt) },
      { id, undrawableReason: seed.undrawableReason ?? undefined },
    );
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

/**
 * Links each task whose scope clearly matches one of the 名录分库 its unit may use: the product's
 * own suggestion (src/core/plan/subLibrarySuggestion.ts), taken only when it is exact or strong
 * and unrivalled. A planner confirms suggestions in the console; the demo stands in for one.
 */
async function linkSubLibraries(db: Kysely<DB>, scope: Awaited<ReturnType<typeof loadScope>>, planId: string, seed: SeedPlan) {
  const plan = { unitCode: seed.unitCode, id: planId, unitPath: scope.path };
  const candidates = await libraryCandidates(db, plan);
  if (candidates.length === 0) return;
  for (const task of await loadTasks(db, plan, 1, false)) {
    const match = clearSuggestion(suggestSubLibraries(task, candidates));
    if (!match) continue;
    const now = new Date(new Date(seed.createdAt).getTime() + DAY_MS);
    await updateTask(db, { scope, ...demoCaller, now }, { id: planId, code: task.code, cells: task.cells, subLibraryId: match.id });
  }
}
