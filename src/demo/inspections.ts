// Demo of the inspection side: the 执法检查人员 account linked to its person in the directory,
// and three 2025 tasks run through the same use cases as the console, each step at its own demo
// date (the callers carry the demo's clock, clock.ts nowOf), so the year's statistics read like
// a real year at every level (county, city, province):
// - 高平 140581-2025-013 特种设备使用单位: committed on 2025-04-18, drawn at the public ceremony of
//   2025-04-22 and staffed the same morning; every visit inspected between June and November
//   (inside the task period 05-01…11-30), its result entered that afternoon, submitted the next
//   working day and reviewed and published a few working days later — within 20 working days of
//   the inspection and of the task's end, by the shipped holiday calendar (按时公示) — except the
//   last two visits, inspected in late November and deliberately published after the deadline,
//   so 按时公示率 shows both. The draw's result is then made public (portal bundle).
// - 晋城市局's 市抽县查 task over the city's 特种设备使用单位: the city draws, each county's
//   bureau inspects the objects of its own county and publishes on time.
// - 泽州's 登记事项 task: inspected, but two results are still awaiting review at the year's end
//   (检查结果公示率 below 100%), and its finding is left open.
// The findings are followed up after publication: the 责令改正 re-checked after its deadline and
// closed, the first one to be investigated referred to the 执法 office and closed once the case is
// registered; the last visit's finding (the only finding of a small draw) is left open, awaiting a
// measure — an open item without a due date. Nothing is dated after 2025.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { fromDayNumber, toDayNumber } from '../core/calendar/calendar-date.ts';
import type { WorkingCalendar } from '../core/calendar/index.ts';
import { publicationDue } from '../core/results/deadlines.ts';
import { loadScope, type UnitScope } from '../server/access/scope.ts';
import { commitTaskDraw, publishDrawResult, runCeremony } from '../server/draws/drawCommands.ts';
import { matchDrawInspectors } from '../server/draws/drawMatching.ts';
import { actOnFollowup, type FollowupStep } from '../server/followup/followupCommands.ts';
import { peopleSentTo } from '../server/visits/visitStore.ts';
import type { Caller } from '../server/http/route.ts';
import { loadWorkingCalendar } from '../server/results/calendar.ts';
import { publishVisitResult, saveResult, submitResult, type StoredContent } from '../server/results/resultCommands.ts';
import type { ItemEntry } from '../server/results/policy.ts';
import { demoAccountSpecs } from './accounts.ts';

/** Links each demo account that is also an inspector to its directory person (same name and unit). */
export async function linkDemoInspectorAccounts(db: Kysely<DB>): Promise<number> {
  let linked = 0;
  for (const spec of demoAccountSpecs.filter((s) => s.assignments.some((a) => a.role === 'inspector'))) {
    const user = await db.selectFrom('app_user').select('id').where('username', '=', spec.username).executeTakeFirst();
    if (!user) continue;
    const result = await db
      .updateTable('inspector')
      .set({ user_id: user.id })
      .where('name', '=', spec.displayName)
      .where('unit_code', '=', spec.homeUnitCode)
      .where('user_id', 'is', null)
      .executeTakeFirst();
    linked += Number(result.numUpdatedRows);
  }
  return linked;
}

export interface DemoTaskTimeline {
  /** The commit (承诺) is published a few days before the ceremony. */
  committedAt: string;
  /** The public ceremony (摇号): dice rolled before the witness, the operator value revealed. */
  drawnAt: string;
  matchedAt: string;
  /** On-time inspections are spread over these working days (inside the task period). */
  firstInspection: string;
  lastOnTimeInspection: string;
  /** The late visits (if any) are inspected from this day on and published after the deadline. */
  lateInspection: string;
}

/** 高平's 特种设备 task (140581-2025-013). */
export const DEMO_TIMELINE = {
  committedAt: '2025-04-18T02:00:00Z',
  drawnAt: '2025-04-22T02:00:00Z',
  matchedAt: '2025-04-22T03:00:00Z',
  firstInspection: '2025-06-10',
  lastOnTimeInspection: '2025-11-14',
  lateInspection: '2025-11-17',
} as const satisfies DemoTaskTimeline;

interface DemoInspection {
  task: string;
  /** The planner of the drawing unit who commits, runs and staffs the draw. */
  planner: string;
  /** Who enters, submits and publishes the results, by inspecting unit. */
  staff: Readonly<Record<string, string>>;
  timeline: DemoTaskTimeline;
  publicSource: string;
  witnessName: string;
  value: string;
  /** Whether the last one or two visits are published after the deadline. */
  late: boolean;
  /** How many visits (after the first two) are inspected but still awaiting review at the year's end. */
  unpublished: number;
  findings: { ordered: string; referred: string; open: string };
  caseNumber: string;
}

export const DEMO_INSPECTIONS: readonly DemoInspection[] = [
  {
    task: '140581-2025-013',
    planner: 'gp.planner',
    staff: { '140581': 'gp.staff' },
    timeline: DEMO_TIMELINE,
    publicSource: '2025-04-22 公开摇号现场骰子（纪检监察员张某见证）',
    witnessName: '张某（纪检监察员）',
    value: '40961536265358979323846',
    late: true,
    unpublished: 0,
    findings: {
      ordered: '电梯定期检验报告超期，未按期申报检验',
      referred: '压力容器使用登记证与设备铭牌不符',
      open: '气瓶充装记录不全，充装介质与标识不符',
    },
    caseNumber: '高市监立〔2025〕87号',
  },
  {
    task: '140500-2025-001',
    planner: 'jc.planner',
    staff: { '140581': 'gp.staff', '140525': 'zz.planner' },
    timeline: {
      committedAt: '2025-04-21T02:00:00Z',
      drawnAt: '2025-04-24T02:00:00Z',
      matchedAt: '2025-04-24T03:00:00Z',
      firstInspection: '2025-05-20',
      lastOnTimeInspection: '2025-09-19',
      lateInspection: '2025-10-20',
    },
    publicSource: '2025-04-24 公开摇号现场骰子（市纪委监委派驻纪检组见证）',
    witnessName: '王某（派驻纪检组）',
    value: '27182818284590452353602',
    late: false,
    unpublished: 0,
    findings: { ordered: '起重机械安全技术档案不全', referred: '锅炉操作人员无证上岗', open: '电梯应急救援演练记录缺失' },
    caseNumber: '晋市监立〔2025〕41号',
  },
  {
    task: '140525-2025-001',
    planner: 'zz.planner',
    staff: { '140525': 'zz.planner' },
    timeline: {
      committedAt: '2025-05-12T02:00:00Z',
      drawnAt: '2025-05-15T02:00:00Z',
      matchedAt: '2025-05-15T03:00:00Z',
      firstInspection: '2025-06-03',
      lastOnTimeInspection: '2025-09-30',
      lateInspection: '2025-10-20',
    },
    publicSource: '2025-05-15 公开摇号现场骰子（纪检监察员李某见证）',
    witnessName: '李某（纪检监察员）',
    value: '14142135623730950488016',
    late: false,
    unpublished: 2,
    findings: { ordered: '未按规定公示年度报告', referred: '实际经营地址与登记住所不符', open: '营业执照未在经营场所醒目位置悬挂' },
    caseNumber: '泽市监立〔2025〕19号',
  },
];

/** 'YYYY-MM-DD' at a China-time hour, as an instant. */
function at(day: string, chinaHour: number, minute = 0): Date {
  return new Date(`${day}T${String(chinaHour - 8).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
}

function plusDays(day: string, days: number): string {
  return fromDayNumber(toDayNumber(day) + days);
}

interface DemoVisitDates {
  checkedOn: string;
  submitOn: string;
  publishOn: string;
  late: boolean;
}

/**
 * The dates of each of `count` visits: most inspected between firstInspection and
 * lastOnTimeInspection and published 3–7 working days later; with `late`, the last one or two
 * (of at least three, five) inspected from lateInspection on and published after the task's
 * publication deadline.
 */
export function demoVisitDates(
  calendar: WorkingCalendar,
  count: number,
  taskEnd: string,
  timeline: DemoTaskTimeline = DEMO_TIMELINE,
  withLate = true,
): DemoVisitDates[] {
  const late = !withLate ? 0 : count >= 5 ? 2 : count >= 3 ? 1 : 0;
  const onTime = count - late;
  const span = calendar.workingDaysBetween(timeline.firstInspection, timeline.lastOnTimeInspection);
  const due = publicationDue(calendar, taskEnd);
  if (!due.known) throw new Error(`demo: no publication deadline for ${taskEnd}: ${due.reason}`);
  const dates: DemoVisitDates[] = [];
  for (let i = 0; i < onTime; i += 1) {
    const checkedOn = calendar.addWorkingDays(timeline.firstInspection, Math.floor((i * span) / Math.max(onTime, 1)));
    const publishOn = calendar.addWorkingDays(checkedOn, 3 + (i % 5));
    dates.push({ checkedOn, submitOn: calendar.addWorkingDays(checkedOn, 1), publishOn, late: false });
  }
  for (let j = 0; j < late; j += 1) {
    const checkedOn = calendar.addWorkingDays(timeline.lateInspection, j);
    dates.push({
      checkedOn,
      submitOn: calendar.addWorkingDays(checkedOn, 1),
      publishOn: calendar.addWorkingDays(due.due, 1 + j),
      late: true,
    });
  }
  return dates;
}

/** One step of the demo, at its instant; the steps run in time order. */
interface DemoStep {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

type DemoCallerOf = (username: string) => (now: Date) => Caller;

/** Callers for the demo accounts, each in the unit and role of its first assignment, at a given instant. */
async function demoCallers(db: Kysely<DB>): Promise<DemoCallerOf | null> {
  const users = await db.selectFrom('app_user').select(['id', 'username', 'display_name']).execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const scopes = new Map<string, UnitScope>();
  const callers = new Map<string, (now: Date) => Caller>();
  for (const spec of demoAccountSpecs) {
    const user = byName.get(spec.username);
    const assignment = spec.assignments[0];
    if (!user || !assignment) continue;
    let scope = scopes.get(assignment.unitCode);
    if (!scope) scopes.set(assignment.unitCode, (scope = await loadScope(db, assignment.unitCode)));
    const fixed = {
      userId: user.id,
      username: user.username,
      displayName: user.display_name,
      role: assignment.role,
      scope: scope,
      sessionTokenHash: '',
    };
    callers.set(spec.username, (now: Date): Caller => ({ ...fixed, now }));
  }
  if (callers.size === 0) return null;
  return (username) => {
    const caller = callers.get(username);
    if (!caller) throw new Error(`demo: no account ${username}`);
    return caller;
  };
}

/** Runs the demo's inspection tasks; returns how many results were published and how many ledger items are open. */
export async function loadDemoInspections(db: Kysely<DB>): Promise<{ results: number; followups: number }> {
  const callerOf = await demoCallers(db);
  if (!callerOf) return { results: 0, followups: 0 };
  const calendar = await loadWorkingCalendar(db);
  const steps: DemoStep[] = [];
  const step = (when: Date, run: () => Promise<void>) => steps.push({ at: when, order: steps.length, run });
  let results = 0;
  for (const spec of DEMO_INSPECTIONS) results += await planInspection(db, spec, callerOf, calendar, step);
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const s of steps) await s.run();

  const followups = Number(
    (
      await db
        .selectFrom('followup_item')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where(
          'task_code',
          'in',
          DEMO_INSPECTIONS.map((d) => d.task),
        )
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { results, followups };
}

/**
 * Commits and draws one task (at once: nothing else of the demo depends on their order) and
 * schedules the rest of its year as steps; returns how many of its results get published.
 */
async function planInspection(
  db: Kysely<DB>,
  spec: DemoInspection,
  callerOf: DemoCallerOf,
  calendar: WorkingCalendar,
  step: (when: Date, run: () => Promise<void>) => void,
): Promise<number> {
  const task = await db
    .selectFrom('plan_task')
    .select(['task_code', 'period_end'])
    .where('task_code', '=', spec.task)
    .where('sub_library_id', 'is not', null)
    .executeTakeFirst();
  if (!task || !task.period_end) return 0;
  const planner = callerOf(spec.planner);
  const { timeline } = spec;
  const committed = await commitTaskDraw(db, planner(new Date(timeline.committedAt)), {
    taskCode: spec.task,
    batch: 1,
    publicSource: { kind: 'dice', name: spec.publicSource },
    reserve: 2,
  });
  const drawn = await runCeremony(db, planner(new Date(timeline.drawnAt)), {
    id: committed.id,
    value: spec.value,
    witnessName: spec.witnessName,
  });
  await matchDrawInspectors(db, planner(new Date(timeline.matchedAt)), { id: committed.id, capPerInspector: null, crossRegionUnits: null });
  const { unit_code: drawUnit } = await db.selectFrom('draw').select('unit_code').where('id', '=', committed.id).executeTakeFirstOrThrow();
  const draw = { unitCode: drawUnit, id: committed.id };
  // Who inspects each visit (市抽县查: the county of the object).
  const inspecting = new Map(
    (
      await db
        .selectFrom('visit')
        .select(['object_id', 'inspecting_unit_code'])
        .where('draw_unit_code', '=', drawUnit)
        .where('draw_id', '=', draw.id)
        .execute()
    ).map((v) => [v.object_id, v.inspecting_unit_code]),
  );
  const visits = drawn.visits.map((v) => ({ object_id: v.id, items: v.items, inspecting_unit_code: inspecting.get(v.id)! }));
  const dates = demoVisitDates(calendar, visits.length, task.period_end, timeline, spec.late);
  const resultIds = new Map<string, string>();
  let published = 0;
  let lastPublication: string | undefined;
  for (const [i, visit] of visits.entries()) {
    const { checkedOn, submitOn, publishOn } = dates[i]!;
    const staff = callerOf(spec.staff[visit.inspecting_unit_code] ?? spec.planner);
    const rectificationDeadline = plusDays(checkedOn, 30);
    // The last visit's finding (the only one in a small draw) is left open in the ledger, awaiting a measure.
    const last = i === visits.length - 1;
    const awaitingReview = !last && i >= 2 && i < 2 + spec.unpublished;
    const finding: ItemEntry =
      i === 0
        ? { categories: ['problemOrderedToCorrect'], methods: ['onSite'], findings: spec.findings.ordered, rectificationDeadline }
        : i === 1 || last
          ? {
              categories: ['problemPendingInvestigation'],
              methods: ['onSite', 'documentary'],
              findings: last ? spec.findings.open : spec.findings.referred,
            }
          : { categories: ['noProblem'], methods: ['onSite'] };
    // Entered on the afternoon of the visit; the inspectors sent confirm it on their phones (the
    // demo records their confirmation directly); submitted the next morning; reviewed and published.
    step(at(checkedOn, 16, i % 60), async () => {
      const saved = await saveResult(db, staff(at(checkedOn, 16, i % 60)), {
        drawId: draw.id,
        uscc: visit.object_id,
        checkedOn,
        items: [{ itemName: visit.items[0] ?? '登记事项检查', result: finding }],
      });
      resultIds.set(visit.object_id, saved.id);
      const row = await db.selectFrom('visit_result').select(['content']).where('id', '=', saved.id).executeTakeFirstOrThrow();
      const sent = await peopleSentTo(db, draw, visit.object_id);
      const content = { ...(row.content as StoredContent), confirmedBy: sent.map((p) => p.inspector_id) };
      await db
        .updateTable('visit_result')
        .set({ content: JSON.stringify(content) })
        .where('id', '=', saved.id)
        .execute();
    });
    step(at(submitOn, 9, 30), async () => {
      await submitResult(db, staff(at(submitOn, 9, 30)), { id: resultIds.get(visit.object_id)! });
    });
    if (awaitingReview) continue;
    published += 1;
    if (lastPublication === undefined || publishOn > lastPublication) lastPublication = publishOn;
    step(at(publishOn, 15), async () => {
      await publishVisitResult(db, staff(at(publishOn, 15)), { id: resultIds.get(visit.object_id)! });
    });
    // The ledger items the publication opened, followed up afterwards.
    const followUp = (day: string, hour: number, action: FollowupStep) =>
      step(at(day, hour), async () => {
        const item = await db
          .selectFrom('followup_item')
          .select('id')
          .where('unit_code', '=', visit.inspecting_unit_code)
          .where('result_id', '=', resultIds.get(visit.object_id)!)
          .executeTakeFirstOrThrow();
        await actOnFollowup(db, staff(at(day, hour)), { id: item.id, step: action });
      });
    if (i === 0 && !last) {
      const decidedOn = calendar.addWorkingDays(publishOn, 1);
      followUp(decidedOn, 10, { action: 'decide', measure: { kind: 'orderCorrection', deadline: rectificationDeadline } });
      const recheckOn = calendar.addWorkingDays(rectificationDeadline, 1);
      const people = (await peopleSentTo(db, draw, visit.object_id)).map((p) => p.name);
      followUp(recheckOn, 10, { action: 'recheck', on: recheckOn, corrected: true, note: '已按要求整改，现场核对无误', people });
      followUp(recheckOn, 16, { action: 'close' });
    }
    if (i === 1 && !last) {
      const referredOn = calendar.addWorkingDays(publishOn, 2);
      const unit = await db.selectFrom('org_unit').select('name').where('code', '=', visit.inspecting_unit_code).executeTakeFirstOrThrow();
      followUp(referredOn, 10, {
        action: 'decide',
        measure: { kind: 'referToEnforcement', receivingBody: `${unit.name}综合行政执法队`, transferredOn: referredOn },
      });
      const caseOn = calendar.addWorkingDays(referredOn, 8);
      followUp(caseOn, 10, { action: 'caseNumber', caseNumber: spec.caseNumber, on: caseOn });
      followUp(caseOn, 16, { action: 'close' });
    }
  }
  // 公开抽取结果: once every visit has its published result, the working day after the last publication.
  if (lastPublication !== undefined && published === visits.length) {
    const publicOn = calendar.addWorkingDays(lastPublication, 1);
    step(at(publicOn, 10), async () => {
      await publishDrawResult(db, planner(at(publicOn, 10)), { id: draw.id });
    });
  }
  return published;
}
