// Demo of the inspection side: the 执法检查人员 account linked to its person in the directory,
// and one finished 高平 2025 task — 140581-2025-013 特种设备使用单位 — run through the same use
// cases as the console, each step at its own demo date (the callers carry the demo's clock,
// clock.ts nowOf): committed on 2025-04-18, drawn at the public ceremony of 2025-04-22 and
// staffed the same morning; every visit inspected between June and November (inside the task
// period 05-01…11-30), its result entered that afternoon, submitted the next working day and
// reviewed and published a few working days later — within 20 working days of the inspection
// and of the task's end, by the shipped holiday calendar (按时公示) — except the last two visits,
// inspected in late November and deliberately published after the deadline, so 按时公示率 shows
// both. The draw's result is then made public (portal bundle). The findings are followed up
// after publication: the 责令改正 re-checked after its deadline and closed, the first one to be
// investigated referred to the 执法 office and closed once the case is registered; the last
// visit's finding (published 2025-12-30; the only finding of a small demo) is left open, awaiting
// a measure — an open item without a due date. Nothing is dated after 2025.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { fromDayNumber, toDayNumber } from '../core/calendar/calendar-date.ts';
import type { WorkingCalendar } from '../core/calendar/index.ts';
import { publicationDue } from '../core/results/deadlines.ts';
import { loadScope } from '../server/access/scope.ts';
import { commitTaskDraw, publishDrawResult, runCeremony } from '../server/draws/drawCommands.ts';
import { matchDrawInspectors } from '../server/draws/drawMatching.ts';
import { actOnFollowup, type FollowupStep } from '../server/followup/followupCommands.ts';
import { peopleSentTo } from '../server/visits/visitStore.ts';
import type { Caller } from '../server/http/route.ts';
import { loadWorkingCalendar } from '../server/results/calendar.ts';
import { publishVisitResult, saveResult, submitResult, type StoredContent } from '../server/results/resultCommands.ts';
import type { ItemEntry } from '../server/results/policy.ts';
import { demoAccountSpecs } from './accounts.ts';

const TASK = '140581-2025-013';

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

export const DEMO_TIMELINE = {
  /** The commit (承诺) is published four days before the ceremony. */
  committedAt: '2025-04-18T02:00:00Z',
  /** The public ceremony (摇号): dice rolled before the witness, the operator value revealed. */
  drawnAt: '2025-04-22T02:00:00Z',
  matchedAt: '2025-04-22T03:00:00Z',
  /** On-time inspections are spread over these working days (inside the task period). */
  firstInspection: '2025-06-10',
  lastOnTimeInspection: '2025-11-14',
  /** The late visits are inspected from this day on and published after the deadline. */
  lateInspection: '2025-11-17',
} as const;

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
 * lastOnTimeInspection and published 3–7 working days later; the last one or two (of at least
 * three, five) inspected in late November and published after the task's publication deadline.
 */
export function demoVisitDates(calendar: WorkingCalendar, count: number, taskEnd: string): DemoVisitDates[] {
  const late = count >= 5 ? 2 : count >= 3 ? 1 : 0;
  const onTime = count - late;
  const span = calendar.workingDaysBetween(DEMO_TIMELINE.firstInspection, DEMO_TIMELINE.lastOnTimeInspection);
  const due = publicationDue(calendar, taskEnd);
  if (!due.known) throw new Error(`demo: no publication deadline for ${taskEnd}: ${due.reason}`);
  const dates: DemoVisitDates[] = [];
  for (let i = 0; i < onTime; i += 1) {
    const checkedOn = calendar.addWorkingDays(DEMO_TIMELINE.firstInspection, Math.floor((i * span) / Math.max(onTime, 1)));
    const publishOn = calendar.addWorkingDays(checkedOn, 3 + (i % 5));
    dates.push({ checkedOn, submitOn: calendar.addWorkingDays(checkedOn, 1), publishOn, late: false });
  }
  for (let j = 0; j < late; j += 1) {
    const checkedOn = calendar.addWorkingDays(DEMO_TIMELINE.lateInspection, j);
    dates.push({ checkedOn, submitOn: calendar.addWorkingDays(checkedOn, 1), publishOn: calendar.addWorkingDays(due.due, 1 + j), late: true });
  }
  return dates;
}

/** One step of the demo, at its instant; the steps run in time order. */
interface DemoStep {
  at: Date;
  order: number;
  run: () => Promise<void>;
}

export async function loadDemoInspections(db: Kysely<DB>): Promise<{ results: number; followups: number }> {
  const task = await db
    .selectFrom('plan_task')
    .select(['task_code', 'period_start', 'period_end'])
    .where('task_code', '=', TASK)
    .where('sub_library_id', 'is not', null)
    .executeTakeFirst();
  const users = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('username', 'in', ['gp.staff', 'gp.planner'])
    .execute();
  const staffUser = users.find((u) => u.username === 'gp.staff');
  const plannerUser = users.find((u) => u.username === 'gp.planner');
  if (!task || !task.period_end || !staffUser || !plannerUser) return { results: 0, followups: 0 };
  const scope = await loadScope(db, '140581');
  const callerOf = (user: (typeof users)[number], role: Caller['role']) => (now: Date): Caller => ({
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    scope,
    sessionTokenHash: '',
    now,
  });
  const staff = callerOf(staffUser, 'staff');
  const planner = callerOf(plannerUser, 'planner');
  const committed = await commitTaskDraw(db, planner(new Date(DEMO_TIMELINE.committedAt)), {
    taskCode: TASK,
    batch: 1,
    publicSource: { kind: 'dice', name: '2025-04-22 公开摇号现场骰子（纪检监察员张某见证）' },
    reserve: 2,
  });
  const drawn = await runCeremony(db, planner(new Date(DEMO_TIMELINE.drawnAt)), {
    id: committed.id,
    value: '40961536265358979323846',
    witnessName: '张某（纪检监察员）',
  });
  await matchDrawInspectors(db, planner(new Date(DEMO_TIMELINE.matchedAt)), { id: committed.id, capPerInspector: null, crossRegionUnits: null });

  const calendar = await loadWorkingCalendar(db);
  const visits = drawn.visits;
  const dates = demoVisitDates(calendar, visits.length, task.period_end);
  const steps: DemoStep[] = [];
  const step = (when: Date, run: () => Promise<void>) => steps.push({ at: when, order: steps.length, run });
  const resultIds = new Map<string, string>();
  for (const [i, visit] of visits.entries()) {
    const { checkedOn, submitOn, publishOn } = dates[i]!;
    const rectificationDeadline = plusDays(checkedOn, 30);
    // The last visit's finding (the only one in a small demo) is left open in the ledger, awaiting a measure.
    const last = i === visits.length - 1;
    const finding: ItemEntry =
      i === 0
        ? {
            categories: ['problemOrderedToCorrect'],
            methods: ['onSite'],
            findings: '电梯定期检验报告超期，未按期申报检验',
            rectificationDeadline,
          }
        : i === 1 || last
          ? {
              categories: ['problemPendingInvestigation'],
              methods: ['onSite', 'documentary'],
              findings: last ? '气瓶充装记录不全，充装介质与标识不符' : '压力容器使用登记证与设备铭牌不符',
            }
          : { categories: ['noProblem'], methods: ['onSite'] };
    // Entered on the afternoon of the visit; both inspectors sent confirm it on their phones (the
    // demo records their confirmation directly); submitted the next morning; reviewed and published.
    step(at(checkedOn, 16, i % 60), async () => {
      const saved = await saveResult(db, staff(at(checkedOn, 16, i % 60)), {
        drawId: committed.id,
        uscc: visit.id,
        checkedOn,
        items: [{ itemName: visit.items[0] ?? '特种设备使用单位监督检查', result: finding }],
      });
      resultIds.set(visit.id, saved.id);
      const row = await db.selectFrom('visit_result').select(['content']).where('id', '=', saved.id).executeTakeFirstOrThrow();
      const sent = await peopleSentTo(db, { unitCode: '140581', id: committed.id }, visit.id);
      const content = { ...(row.content as StoredContent), confirmedBy: sent.map((p) => p.inspector_id) };
      await db
        .updateTable('visit_result')
        .set({ content: JSON.stringify(content) })
        .where('id', '=', saved.id)
        .execute();
    });
    step(at(submitOn, 9, 30), async () => {
      await submitResult(db, staff(at(submitOn, 9, 30)), { id: resultIds.get(visit.id)! });
    });
    step(at(publishOn, 15), async () => {
      await publishVisitResult(db, staff(at(publishOn, 15)), { id: resultIds.get(visit.id)! });
    });
    // The ledger items the publication opened, followed up afterwards.
    const followUp = (day: string, hour: number, action: FollowupStep) =>
      step(at(day, hour), async () => {
        const item = await db
          .selectFrom('followup_item')
          .select('id')
          .where('unit_code', '=', '140581')
          .where('result_id', '=', resultIds.get(visit.id)!)
          .executeTakeFirstOrThrow();
        await actOnFollowup(db, staff(at(day, hour)), { id: item.id, step: action });
      });
    if (i === 0 && !last) {
      const decidedOn = calendar.addWorkingDays(publishOn, 1);
      followUp(decidedOn, 10, { action: 'decide', measure: { kind: 'orderCorrection', deadline: rectificationDeadline } });
      const recheckOn = calendar.addWorkingDays(rectificationDeadline, 1);
      const people = (await peopleSentTo(db, { unitCode: '140581', id: committed.id }, visit.id)).map((p) => p.name);
      followUp(recheckOn, 10, { action: 'recheck', on: recheckOn, corrected: true, note: '电梯已经定期检验并取得合格报告，现场核对无误', people });
      followUp(recheckOn, 16, { action: 'close' });
    }
    if (i === 1 && !last) {
      const referredOn = calendar.addWorkingDays(publishOn, 2);
      followUp(referredOn, 10, {
        action: 'decide',
        measure: { kind: 'referToEnforcement', receivingBody: '高平市市场监督管理局综合行政执法队', transferredOn: referredOn },
      });
      const caseOn = calendar.addWorkingDays(referredOn, 8);
      followUp(caseOn, 10, { action: 'caseNumber', caseNumber: '高市监立〔2025〕87号', on: caseOn });
      followUp(caseOn, 16, { action: 'close' });
    }
  }
  // 公开抽取结果: once every visit has its result, the working day after the last publication.
  const lastPublication = dates.map((d) => d.publishOn).sort().at(-1);
  if (lastPublication !== undefined) {
    const publicOn = calendar.addWorkingDays(lastPublication, 1);
    step(at(publicOn, 10), async () => {
      await publishDrawResult(db, planner(at(publicOn, 10)), { id: committed.id });
    });
  }
  steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);
  for (const s of steps) await s.run();

  const followups = Number(
    (
      await db
        .selectFrom('followup_item')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('task_code', '=', TASK)
        .where('status', '=', 'open')
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { results: visits.length, followups };
}
