// 工作台: what the signed-in role must do next in its active unit, with deadlines, and the exact
// size of its directories. The queries gather rows within the caller's units (the unit and the
// units below it); the rules of what is owed live in core/workbench/todos.ts.
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Caller } from '../http/route.ts';
import { canRead, canWrite } from '../../core/access/policy.ts';
import { todoKindLabel } from '../../core/glossary.ts';
import { deadlineState, publicationDue, type DueDate } from '../../core/results/deadlines.ts';
import type { WorkingCalendar } from '../../core/calendar/index.ts';
import {
  inspectorStep,
  midPeriod,
  orderTodos,
  sampleMayBePublished,
  taskDrawUrgency,
  type ResultStatus,
  type Todo,
  type TodoUrgency,
} from '../../core/workbench/todos.ts';
import { loadWorkingCalendar } from '../results/calendar.ts';
import { resultsOfVisits } from '../results/policy.ts';
import { todayInChina } from '../clock.ts';
import { filingDeadlines, subordinateBureaus } from '../plans/filing.ts';

/** Items listed per kind; the group's total is always exact. */
const LISTED_PER_KIND = 20;
/** Working days before a due date from which an item is "临期". */
const DUE_SOON_WORKING_DAYS = 5;

export interface TodoGroup {
  kind: Todo['kind'];
  title: string;
  total: number;
  overdue: number;
  items: Todo[];
}

export interface Workbench {
  today: string;
  year: number;
  counts: { entities: number | null; inspectors: number | null };
  /** A note for an inspector whose account is not linked to the directory, else null. */
  notice: string | null;
  groups: TodoGroup[];
}

function urgencyOf(calendar: WorkingCalendar, due: DueDate | null, today: string): { due: string | null; urgency: TodoUrgency } {
  if (due === null) return { due: null, urgency: 'none' };
  const state = deadlineState(calendar, due, today, DUE_SOON_WORKING_DAYS);
  const urgency: TodoUrgency =
    state.status === 'overdue' ? 'overdue' : state.status === 'dueSoon' ? 'dueSoon' : state.status === 'ok' ? 'ok' : 'none';
  return { due: state.due, urgency };
}

/** A plain calendar due date (no working-day arithmetic). */
const on = (day: string | null): DueDate | null => (day === null ? null : { known: true, due: day });

function grouped(todos: Todo[]): TodoGroup[] {
  const byKind = new Map<Todo['kind'], Todo[]>();
  for (const t of orderTodos(todos)) byKind.set(t.kind, [...(byKind.get(t.kind) ?? []), t]);
  return [...byKind].map(([kind, items]) => ({
    kind,
    title: todoKindLabel[kind],
    total: items.length,
    overdue: items.filter((i) => i.urgency === 'overdue').length,
    items: items.slice(0, LISTED_PER_KIND),
  }));
}

async function directoryCounts(db: Kysely<DB>, caller: Caller): Promise<Workbench['counts']> {
  if (!canRead(caller.role, 'directories')) return { entities: null, inspectors: null };
  const units = caller.scope.unitCodes;
  const [entities, inspectors] = await Promise.all([
    db
      .selectFrom('market_entity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_code', 'in', units)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('inspector')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_code', 'in', units)
      .where('status', '=', '在岗')
      .executeTakeFirstOrThrow(),
  ]);
  return { entities: Number(entities.n), inspectors: Number(inspectors.n) };
}

/** The visits the caller's linked inspector owes a step on. */
async function inspectorTodos(db: Kysely<DB>, calendar: WorkingCalendar, inspectorId: string, today: string): Promise<Todo[]> {
  const rows = await db
    .selectFrom('visit_inspector as vi')
    .innerJoin('visit as v', (j) =>
      j.onRef('v.draw_unit_code', '=', 'vi.draw_unit_code').onRef('v.draw_id', '=', 'vi.draw_id').onRef('v.object_id', '=', 'vi.object_id'),
    )
    .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
    .select(['v.draw_id', 'v.object_id', 'v.object_name', 'v.task_code', 'v.period_end', 'v.inspecting_unit_code'])
    .where('vi.inspector_id', '=', inspectorId)
    .where('vi.released_at', 'is', null)
    .where('v.replaced_by', 'is', null)
    .where('d.status', '=', 'drawn')
    .execute();
  const results = await resultsOfVisits(
    db,
    rows.map((r) => ({ drawId: r.draw_id, objectId: r.object_id, unitCode: r.inspecting_unit_code })),
  );
  const todos: Todo[] = [];
  for (const r of rows) {
    const result = results.get(`${r.draw_id}/${r.object_id}`);
    const stored = (result?.content ?? {}) as { confirmedBy?: unknown };
    const confirmedBy = Array.isArray(stored.confirmedBy) ? stored.confirmedBy.filter((x): x is string => typeof x === 'string') : [];
    const step = inspectorStep(result ? { status: result.status as ResultStatus, confirmedBy } : null, inspectorId);
    if (step === null) continue;
    todos.push({
      kind: step,
      subject: r.object_name ?? r.object_id,
      detail: `任务 ${r.task_code}`,
      ...urgencyOf(calendar, r.period_end ? publicationDue(calendar, r.period_end) : null, today),
      link: `/console/visits/${r.draw_id}/${encodeURIComponent(r.object_id)}`,
    });
  }
  return todos;
}

/** Results waiting for the office's review (业务科室), and open follow-up items. */
async function officeTodos(db: Kysely<DB>, calendar: WorkingCalendar, caller: Caller, today: string): Promise<Todo[]> {
  const units = caller.scope.unitCodes;
  const todos: Todo[] = [];
  if (canWrite(caller.role, 'results') && caller.role !== 'inspector') {
    const pending = await db
      .selectFrom('visit_result')
      .select(['id', 'entity_name', 'task_code', 'draw_unit_code', 'draw_id', 'uscc'])
      .where('unit_code', 'in', units)
      .where('status', '=', 'pendingReview')
      .execute();
    // The task window from the visit rows, read apart (results and visits are placed by different units).
    const ends = new Map<string, string | null>();
    for (let i = 0; i < pending.length; i += 500) {
      const batch = pending.slice(i, i + 500);
      const visits = await db
        .selectFrom('visit')
        .select(['draw_id', 'object_id', 'period_end'])
        .where('draw_unit_code', 'in', [...new Set(batch.map((r) => r.draw_unit_code))])
        .where('draw_id', 'in', [...new Set(batch.map((r) => r.draw_id))])
        .where('object_id', 'in', [...new Set(batch.map((r) => r.uscc))])
        .execute();
      for (const v of visits) ends.set(`${v.draw_id}/${v.object_id}`, v.period_end);
    }
    for (const r of pending.map((p) => ({ ...p, period_end: ends.get(`${p.draw_id}/${p.uscc}`) ?? null })))
      todos.push({
        kind: 'reviewResult',
        subject: r.entity_name,
        detail: `任务 ${r.task_code}`,
        ...urgencyOf(calendar, r.period_end ? publicationDue(calendar, r.period_end) : null, today),
        link: '/console/results?tab=review',
      });
  }
  if (canWrite(caller.role, 'followup')) {
    const open = await db
      .selectFrom('followup_item')
      .select(['entity_name', 'item_name', 'due_on'])
      .where('unit_code', 'in', units)
      .where('status', '=', 'open')
      .execute();
    for (const f of open)
      todos.push({
        kind: 'followUp',
        subject: f.entity_name,
        detail: f.item_name,
        ...urgencyOf(calendar, on(f.due_on), today),
        link: '/console/followup',
      });
  }
  return todos;
}

/**
 * The planner's steps: publish drafts, draw the tasks of this and last year's plans whose period
 * has begun, run ceremonies, staff and publish draws (of any year: what is owed stays owed).
 */
async function plannerTodos(db: Kysely<DB>, calendar: WorkingCalendar, caller: Caller, today: string, year: number): Promise<Todo[]> {
  const unit = caller.scope.unitCode;
  const todos: Todo[] = [];
  const drafts = await db
    .selectFrom('plan as p')
    .innerJoin('plan_version as v', (j) =>
      j.onRef('v.unit_code', '=', 'p.unit_code').onRef('v.plan_id', '=', 'p.id').onRef('v.version_no', '=', 'p.draft_version'),
    )
    .select(['p.id', 'v.title', 'v.deadline'])
    .where('p.unit_code', '=', unit)
    .where('p.year', 'in', [year - 1, year, year + 1])
    .execute();
  for (const d of drafts)
    todos.push({
      kind: 'publishPlan',
      subject: d.title,
      detail: '草稿尚未发布',
      due: null,
      urgency: 'none',
      link: `/console/plans/${d.id}`,
    });

  const tasks = await db
    .selectFrom('plan as p')
    .innerJoin('plan_task as t', (j) =>
      j.onRef('t.unit_code', '=', 'p.unit_code').onRef('t.plan_id', '=', 'p.id').onRef('t.version_no', '=', 'p.published_version'),
    )
    .select(['t.task_code', 't.name', 't.period_start', 't.period_end'])
    .where('p.unit_code', '=', unit)
    .where('p.year', 'in', [year - 1, year])
    .execute();
  // The tasks with a draw of record, read apart (plans are reference tables on Citus, draws are
  // placed by unit, and a correlated subquery cannot cross the two).
  const drawnCodes = new Set(
    (
      await db
        .selectFrom('draw')
        .select('task_code')
        .distinct()
        .where('plan_unit_code', '=', unit)
        .where('status', '<>', 'voided')
        .execute()
    ).map((d) => d.task_code),
  );
  const undrawn = tasks.filter((t) => !drawnCodes.has(t.task_code));
  for (const t of undrawn) {
    const stage = taskDrawUrgency(t.period_start, t.period_end, today);
    if (stage === 'notStarted') continue;
    const urgency: TodoUrgency = stage === 'open' ? 'ok' : stage === 'pastMidPeriod' ? 'dueSoon' : 'overdue';
    const detail =
      stage === 'ended'
        ? '任务期限已过仍未抽取'
        : stage === 'pastMidPeriod'
          ? '已过任务期限过半仍未抽取（上级将视为只计划不执行）'
          : t.period_start && t.period_end
            ? `任务期限 ${t.period_start} 至 ${t.period_end}，建议于 ${midPeriod(t.period_start, t.period_end)} 前抽取`
            : '任务未写明期限';
    todos.push({
      kind: 'drawTask',
      subject: `${t.task_code} ${t.name}`,
      detail,
      due: t.period_end,
      urgency,
      link: `/console/tasks/${t.task_code}`,
    });
  }

  const draws = await db
    .selectFrom('draw as d')
    .leftJoin('visit as v', (j) =>
      j
        .onRef('v.draw_unit_code', '=', 'd.unit_code')
        .onRef('v.draw_id', '=', 'd.id')
        .on('v.replaced_by', 'is', null)
        .on('v.reserve_for', 'is', null),
    )
    .select((eb) => [
      'd.id',
      'd.draw_code',
      'd.status',
      'd.result_public_at',
      eb.fn.max('v.period_end').as('period_end'),
      eb.fn.count('v.object_id').as('visits'),
      sql<string>`count(*) filter (where v.object_id is not null and not exists (select 1 from visit_inspector vi where vi.draw_unit_code = v.draw_unit_code and vi.draw_id = v.draw_id and vi.object_id = v.object_id and vi.released_at is null))`.as(
        'unstaffed',
      ),
    ])
    .where('d.unit_code', '=', unit)
    .where('d.status', 'in', ['committed', 'drawn'])
    .groupBy(['d.id', 'd.draw_code', 'd.status', 'd.result_public_at'])
    .execute();
  // Visits with a published result, per draw (results are read apart from the visits).
  const published = new Map<string, number>();
  const drawn = draws.filter((d) => d.status === 'drawn' && d.result_public_at === null).map((d) => d.id);
  if (drawn.length > 0) {
    const rows = await db
      .selectFrom('visit_result')
      .select((eb) => ['draw_id', eb.fn.count<string>(sql`distinct uscc`).as('n')])
      .where('draw_id', 'in', drawn)
      .where('status', '=', 'published')
      .groupBy('draw_id')
      .execute();
    for (const r of rows) published.set(r.draw_id, Number(r.n));
  }
  for (const d of draws) {
    const periodEnd = d.period_end === null ? null : String(d.period_end);
    const link = `/console/draws/${d.id}`;
    if (d.status === 'committed') {
      todos.push({ kind: 'runCeremony', subject: d.draw_code, detail: '已承诺，等待公开摇号', due: null, urgency: 'dueSoon', link });
      continue;
    }
    const unstaffed = Number(d.unstaffed);
    if (unstaffed > 0)
      todos.push({
        kind: 'matchInspectors',
        subject: d.draw_code,
        detail: `${unstaffed} 户尚未分配检查人员`,
        due: null,
        urgency: 'dueSoon',
        link,
      });
    if (d.result_public_at === null && sampleMayBePublished(Number(d.visits), published.get(d.id) ?? 0, periodEnd, today))
      todos.push({
        kind: 'publishSample',
        subject: d.draw_code,
        detail: '检查已完成或任务期限已过，可公开抽取结果',
        ...urgencyOf(calendar, periodEnd ? publicationDue(calendar, periodEnd) : null, today),
        link,
      });
  }
  return todos;
}

/** For a unit with subordinate bureaus: their plans of the year not yet filed, against the filing deadline. */
async function filingTodos(db: Kysely<DB>, caller: Caller, today: string, year: number): Promise<Todo[]> {
  const due = (await filingDeadlines(db, caller.scope, year)).inherited?.due_on ?? null;
  const units = await subordinateBureaus(db, caller.scope)
    .leftJoin('plan as p', (j) => j.onRef('p.unit_code', '=', 'u.code').on('p.year', '=', year))
    .select(['u.code', 'u.name', 'p.id as plan_id', 'p.status'])
    .execute();
  const filed = new Set(units.filter((u) => u.status === 'filed').map((u) => u.code));
  const todos: Todo[] = [];
  for (const u of units) {
    if (filed.has(u.code) || todos.some((t) => t.subject === u.name)) continue;
    const urgency: TodoUrgency = due === null ? 'none' : today > due ? 'overdue' : 'ok';
    todos.push({
      kind: 'planFiling',
      subject: u.name,
      detail: u.plan_id === null ? '尚未录入本年度计划' : u.status === 'draft' ? '计划尚未发布' : '已发布，尚未备案',
      due,
      urgency,
      link: '/console/plans?tab=filing',
    });
  }
  return todos;
}

/** The 工作台 of the caller in its active unit and role. */
export async function workbenchFor(db: Kysely<DB>, caller: Caller): Promise<Workbench> {
  const today = todayInChina();
  const year = Number(today.slice(0, 4));
  const [calendar, counts] = await Promise.all([loadWorkingCalendar(db), directoryCounts(db, caller)]);
  const todos: Todo[] = [];
  let notice: string | null = null;
  if (caller.role === 'inspector') {
    const me = await db.selectFrom('inspector').select('id').where('user_id', '=', caller.userId).executeTakeFirst();
    if (me) todos.push(...(await inspectorTodos(db, calendar, me.id, today)));
    else notice = '您的账号尚未关联执法检查人员名录库中的人员，请联系系统管理员关联后再查看分配的检查任务。';
  }
  todos.push(...(await officeTodos(db, calendar, caller, today)));
  if (canWrite(caller.role, 'plans')) todos.push(...(await plannerTodos(db, calendar, caller, today, year)));
  if (canWrite(caller.role, 'plans') || caller.role === 'leader') todos.push(...(await filingTodos(db, caller, today, year)));
  return { today, year, counts, notice, groups: grouped(todos) };
}

/**
 * The years with plans the caller can see (its units' plans and its ancestors' published ones),
 * latest first: the year selectors open on the latest of them rather than on an empty calendar year.
 */
export async function yearsWithData(db: Kysely<DB>, caller: Caller): Promise<number[]> {
  const ancestors = caller.scope.path.split('.').filter((c) => c !== caller.scope.unitCode);
  const rows = await db
    .selectFrom('plan')
    .select('year')
    .distinct()
    .where((eb) =>
      eb.or([
        eb('unit_code', 'in', caller.scope.unitCodes),
        ...(ancestors.length > 0 ? [eb.and([eb('unit_code', 'in', ancestors), eb('published_version', 'is not', null)])] : []),
      ]),
    )
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => r.year);
}
