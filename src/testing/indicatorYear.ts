// A generated inspection year for the indicator tests and the indicator bench: org units from the
// shipped divisions (province → cities → counties → one 所 each), entities, plans (own and joint,
// published or not, filed on time or late), claims, draws (every allocation mode, rates written
// "3%" or "0.03", drawn at times near midnight China time, voided ones), visits (some replaced by
// reserves), results (unfinished, published on the 20th working day or after, corrected, 停止公示),
// follow-up items and reported other inspections. Written straight into the tables; deterministic
// for a seed.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { insertInBatches } from '../db/reference-data.ts';

export interface IndicatorYearOptions {
  seed: number;
  year: number;
  cities: number;
  countiesPerCity: number;
  entitiesPerCounty: number;
  tasksPerCounty: number;
  drawsPerTask: number;
  visitsPerDraw: number;
  /** How many of a county's entities its draws pick from (default: a small pool, so repeats happen). */
  objectPool?: number;
}

function randomOf(seed: number) {
  let s = seed >>> 0 || 1;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const chance = (p: number) => next() < p;
  const uuid = () => {
    const hex = Array.from({ length: 32 }, () => int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = '8';
    const h = hex.join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
  const day = (year: number, from = 1, to = 365) => new Date(Date.UTC(year, 0, int(from, to))).toISOString().slice(0, 10);
  return { next, int, pick, chance, uuid, day };
}

const ITEMS = [
  '食品销售监督检查',
  '特种设备使用单位监督检查',
  '广告发布行为检查',
  '价格行为检查',
  '计量器具检查',
  '登记事项检查',
  '产品质量监督抽查',
];
const CATEGORY_SETS = [
  ['noProblem'],
  ['noProblem'],
  ['noProblem'],
  ['problemOrderedToCorrect'],
  ['problemPendingInvestigation'],
  ['productUnqualified'],
  ['notFound'],
];
// Days around the working-day edges: Spring Festival, 清明, 劳动节, 端午, 国庆, and year ends.
const EDGE_DAYS = ['01-27', '02-05', '04-03', '04-30', '05-06', '05-30', '06-03', '09-28', '09-30', '10-08', '10-11', '12-31'];

export interface GeneratedYear {
  province: string;
  cities: string[];
  counties: string[];
}

/** The province's 市场监管局 as an org_unit row: the root a test builds its tree under. */
export const PROVINCE_UNIT = {
  code: '140000',
  name: '山西省市场监督管理局',
  short_name: '省局',
  kind: 'province',
  parent_code: null,
  path: '140000',
  region_code: '140000',
} as const;

export async function generateIndicatorYear(db: Kysely<DB>, options: IndicatorYearOptions): Promise<GeneratedYear> {
  const r = randomOf(options.seed);
  const { year } = options;
  const divisions = await db
    .selectFrom('ref_division')
    .select(['code', 'level', 'parent_code'])
    .where('code', 'like', '14%')
    .orderBy('code')
    .execute();
  const cityCodes = divisions
    .filter((d) => d.level === 2)
    .slice(0, options.cities)
    .map((d) => d.code.trim());
  const units: {
    code: string;
    name: string;
    short_name: string;
    kind: 'province' | 'city' | 'county' | 'station';
    parent_code: string | null;
    path: string;
    region_code: string;
  }[] = [PROVINCE_UNIT];
  const counties: string[] = [];
  for (const city of cityCodes) {
    units.push({
      code: city,
      name: `市局${city}`,
      short_name: city,
      kind: 'city',
      parent_code: '140000',
      path: `140000.${city}`,
      region_code: city,
    });
    const under = divisions.filter((d) => d.parent_code?.trim() === city).slice(0, options.countiesPerCity);
    for (const county of under) {
      const code = county.code.trim();
      counties.push(code);
      units.push({
        code,
        name: `县局${code}`,
        short_name: code,
        kind: 'county',
        parent_code: city,
        path: `140000.${city}.${code}`,
        region_code: code,
      });
      units.push({
        code: `${code}-s1`,
        name: `所${code}`,
        short_name: `所${code}`,
        kind: 'station',
        parent_code: code,
        path: `140000.${city}.${code}.${code}-s1`,
        region_code: code,
      });
    }
  }
  await insertInBatches(db, 'org_unit', units);

  // Entities: in SQL, so a province-size year loads in minutes. Station of the county; mixed kinds.
  for (const county of counties) {
    await sql`
      INSERT INTO market_entity (region_code, uscc, name, subject_type, reg_status, unit_code, risk_class)
      SELECT ${county}, 'E' || ${county} || lpad(i::text, 11, '0'), '企业' || ${county} || '-' || i,
             (ARRAY['enterprise', 'enterprise', 'enterprise', 'individual', 'cooperative'])[1 + (i * 7 + ${options.seed}) % 5],
             (ARRAY['存续', '在业', '存续', '注销', '吊销'])[1 + (i * 11 + ${options.seed}) % 5],
             CASE WHEN i % 3 = 0 THEN ${county} ELSE ${county} || '-s1' END,
             (ARRAY['A', 'B', 'C', 'D', NULL])[1 + (i * 13 + ${options.seed}) % 5]
        FROM generate_series(1, ${options.entitiesPerCounty}) i`.execute(db);
  }
  const usccOf = (county: string, i: number) => `E${county}${String(i).padStart(11, '0')}`;

  // Filing deadlines of the upper units; claims of every county and station.
  await insertInBatches(db, 'plan_filing_deadline', [
    { unit_code: '140000', year, due_on: `${year}-04-30`, set_by_name: '测试' },
    ...cityCodes.filter(() => r.chance(0.6)).map((c) => ({ unit_code: c, year, due_on: `${year}-04-15`, set_by_name: '测试' })),
  ]);
  const versionId = r.uuid();
  await db
    .insertInto('check_item_version')
    .values({
      id: versionId,
      issuing_unit_code: '140000',
      title: '抽查事项清单',
      version_no: 1,
      status: 'issued',
      issued_on: `${year}-01-05`,
      created_by_name: '测试',
    })
    .execute();
  await insertInBatches(
    db,
    'check_item',
    ITEMS.map((name, i) => ({
      version_id: versionId,
      item_code: `SX${i}`,
      seq: i + 1,
      category: '登记事项检查',
      name,
      methods: ['实地核查'],
      subject_level: '县级' as const,
    })),
  );
  const claims = counties.flatMap((county) =>
    ITEMS.map((_, i) => i)
      .filter(() => r.chance(0.6))
      .map((i) => ({
        unit_code: r.chance(0.7) ? county : `${county}-s1`,
        issuing_unit_code: '140000',
        item_code: `SX${i}`,
        version_id: versionId,
        claimed_on: `${year}-01-10`,
        claimed_by_name: '测试',
      })),
  );
  await insertInBatches(db, 'check_item_claim', claims, { onConflictDoNothing: true });

  const plans: Insertable<DB['plan']>[] = [];
  const versions: Insertable<DB['plan_version']>[] = [];
  const tasks: Insertable<DB['plan_task']>[] = [];
  const draws: Insertable<DB['draw']>[] = [];
  const visits: Insertable<DB['visit']>[] = [];
  const results: Insertable<DB['visit_result']>[] = [];
  const followups: Insertable<DB['followup_item']>[] = [];
  const others: Insertable<DB['indicator_other_inspections']>[] = [];
  const seen = new Set<string>();

  for (const county of counties) {
    if (r.chance(0.5)) others.push({ unit_code: county, year, count: r.int(0, 400), set_by_name: '测试' });
    for (const kind of ['own', 'joint'] as const) {
      if (kind === 'joint' && r.chance(0.5)) continue;
      const planId = r.uuid();
      const published = r.chance(0.85);
      const filed = published && r.chance(0.7);
      plans.push({
        unit_code: county,
        id: planId,
        year,
        kind,
        status: filed ? 'filed' : published ? 'published' : 'draft',
        published_version: published ? 1 : null,
        draft_version: published ? null : 1,
        filed_version: filed ? 1 : null,
        filed_at: filed ? `${r.day(year, 60, 130)}T${r.pick(['15:59:59', '16:00:00', '02:00:00'])}Z` : null,
        created_by_name: '测试',
      });
      const deadline = r.pick([`${year}-12-15`, `${year}-12-20`, `${year}-11-30`, null]);
      versions.push({
        unit_code: county,
        plan_id: planId,
        version_no: 1,
        state: published ? 'published' : 'draft',
        title: '计划',
        deadline,
        created_by_name: '测试',
      });
      const taskCount = kind === 'joint' ? Math.max(1, Math.floor(options.tasksPerCounty / 4)) : options.tasksPerCounty;
      for (let t = 0; t < taskCount; t += 1) {
        const taskCode = `${county}-${year}-${kind === 'joint' ? 'J' : ''}${String(t + 1).padStart(3, '0')}`;
        const periodStart = r.day(year, 60, 200);
        const periodEnd = r.chance(0.3) ? `${year}-${r.pick(EDGE_DAYS)}` : r.day(year, 200, 330);
        const items = [r.pick(ITEMS), ...(r.chance(0.3) ? [`${r.pick(ITEMS)}：1. 资质`] : [])];
        tasks.push({
          unit_code: county,
          plan_id: planId,
          version_no: 1,
          task_code: taskCode,
          year,
          position: t,
          name: `任务${taskCode}`,
          items: JSON.stringify(items),
          period_start: periodStart,
          period_end: periodEnd < periodStart ? periodStart : periodEnd,
          cells: '{}',
          extra_cells: '[]',
          problems: '[]',
        });
        if (!published) continue;
        for (let b = 1; b <= options.drawsPerTask; b += 1) {
          if (r.chance(0.15)) continue; // a batch not drawn (只计划不执行)
          const drawId = r.uuid();
          const status = r.pick(['drawn', 'drawn', 'drawn', 'drawn', 'committed', 'voided'] as const);
          const allocation = r.pick([
            { mode: 'rates', rates: { A: '3%', B: '0.05', C: '10%', D: '0.2' } },
            { mode: 'rates', rates: { A: '5%', B: '0.05', C: '5%', D: '0.050' } },
            { mode: 'rates', rates: { A: '0.03', C: '3%' } },
            { mode: 'total', count: 20 },
            { mode: 'total', ratio: '3%', weights: { A: 2, B: 2, C: 2, D: 2 } },
            { mode: 'none', count: 10 },
          ]);
          const unclassified = r.chance(0.1);
          const counts = [
            {
              code: 'G1',
              counts: unclassified ? { A: 0, B: 0, C: 0, D: 0, U: 50 } : { A: r.int(0, 30), B: r.int(0, 30), C: 5, D: 1, U: 3 },
            },
          ];
          const drawnAt = status === 'drawn' ? `${r.day(year, 80, 340)}T${r.pick(['15:59:59', '16:00:01', '03:00:00'])}Z` : null;
          draws.push({
            unit_code: county,
            id: drawId,
            plan_unit_code: county,
            plan_id: planId,
            plan_version: 1,
            task_code: taskCode,
            year,
            batch_no: b,
            attempt: 1,
            draw_code: `${taskCode}-${b}`,
            status,
            params: JSON.stringify({
              spec: 'ssj-draw/1',
              hash: 'sm3',
              task: taskCode,
              year,
              groups: [{ code: 'G1', items, allocation, reserve: 1 }],
              sources: [],
            }),
            commit_hash: '0'.repeat(64),
            committed_at: `${year}-03-01T00:00:00Z`,
            counts: JSON.stringify(counts),
            operator_value: '0',
            excluded_count: 0,
            drawn_at: drawnAt,
            voided_at: status === 'voided' ? `${year}-03-02T00:00:00Z` : null,
            created_by_name: '测试',
          });
          if (status === 'committed') continue;
          const taskEnd = tasks[tasks.length - 1]!.period_end!;
          for (let v = 0; v < options.visitsPerDraw; v += 1) {
            const uscc = usccOf(
              county,
              r.int(1, Math.min(options.entitiesPerCounty, options.objectPool ?? 5 * options.visitsPerDraw + 20)),
            );
            if (seen.has(`${drawId}/${uscc}`)) continue;
            seen.add(`${drawId}/${uscc}`);
            const replaced = r.chance(0.08);
            visits.push({
              draw_unit_code: county,
              draw_id: drawId,
              object_id: uscc,
              task_code: taskCode,
              year,
              groups: ['G1'],
              items,
              inspecting_unit_code: r.chance(0.8) ? county : `${county}-s1`,
              period_start: periodStart,
              period_end: taskEnd,
              replaced_by: replaced ? 'reserve' : null,
            });
            if (replaced || status !== 'drawn' || r.chance(0.1)) continue;
            const parts = kind === 'joint' && r.chance(0.5) ? [county, `${county}-s1`] : [r.chance(0.8) ? county : `${county}-s1`];
            for (const unit of parts) {
              const checked = r.chance(0.9) ? r.day(year, 100, 340) : null;
              const publishedOn =
                checked && r.chance(0.85) ? (r.chance(0.4) ? addDays(taskEnd, r.int(20, 40)) : r.day(year, 100, 360)) : null;
              const categories = r.pick(CATEGORY_SETS);
              const resultId = r.uuid();
              results.push({
                unit_code: unit,
                id: resultId,
                draw_unit_code: county,
                draw_id: drawId,
                task_code: taskCode,
                year,
                uscc,
                entity_name: `企业${uscc}`,
                status: publishedOn ? 'published' : checked ? r.pick(['draft', 'pendingReview', 'returned'] as const) : 'draft',
                record: '{}',
                content: JSON.stringify({
                  input: {},
                  confirmedBy: [],
                  validated: checked ? { checkedOn: checked, categories } : null,
                  enteredBy: '测试',
                }),
                checked_on: checked,
                published_on: publishedOn,
                stopped_on: publishedOn && r.chance(0.05) ? addDays(publishedOn, 30) : null,
                created_by_name: '测试',
              });
              if (checked && (categories[0]!.startsWith('problem') || categories[0] === 'productUnqualified')) {
                const closed = r.chance(0.5);
                followups.push({
                  unit_code: unit,
                  result_id: resultId,
                  task_code: taskCode,
                  uscc,
                  entity_name: `企业${uscc}`,
                  item_name: items[0]!,
                  category: categories[0] as 'problemOrderedToCorrect',
                  status: closed ? 'closed' : 'open',
                  state: '{}',
                  opened_on: checked,
                  closed_on: closed ? addDays(checked, 20) : null,
                });
              }
            }
          }
        }
      }
    }
  }
  await insertInBatches(db, 'plan', plans);
  await insertInBatches(db, 'plan_version', versions);
  await insertInBatches(db, 'plan_task', tasks);
  await insertInBatches(db, 'draw', draws);
  await insertInBatches(db, 'visit', visits);
  await insertInBatches(db, 'visit_result', results);
  await insertInBatches(db, 'followup_item', followups);
  await insertInBatches(db, 'indicator_other_inspections', others);
  return { province: '140000', cities: cityCodes, counties };
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
