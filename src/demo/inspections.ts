// Demo of the inspection side: the 执法检查人员 account linked to its person
// in the directory, and one finished 高平 2025 task — 140581-2025-013 特种设备使用单位 — drawn at a
// public ceremony, staffed, its results entered, confirmed, reviewed and published, with the
// findings open in the follow-up ledger (one 责令改正 with a deadline, one awaiting a measure).
// Runs through the same use cases as the console.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadScope } from '../server/access/scope.ts';
import { commitTaskDraw, runCeremony } from '../server/draws/drawCommands.ts';
import { matchDrawInspectors } from '../server/draws/drawMatching.ts';
import { peopleSentTo } from '../server/visits/visitStore.ts';
import type { Caller } from '../server/http/route.ts';
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

export async function loadDemoInspections(db: Kysely<DB>): Promise<{ results: number; followups: number }> {
  const task = await db
    .selectFrom('plan_task')
    .select(['task_code', 'period_start'])
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
  if (!task || !staffUser || !plannerUser) return { results: 0, followups: 0 };
  const scope = await loadScope(db, '140581');
  const callerOf = (user: (typeof users)[number], role: Caller['role']): Caller => ({
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    scope,
    sessionTokenHash: '',
  });
  const staff = callerOf(staffUser, 'staff');
  const planner = callerOf(plannerUser, 'planner');
  const committed = await commitTaskDraw(
    db,
    planner,
    { taskCode: TASK, batch: 1, publicSource: { kind: 'dice', name: '2025-04-22 公开摇号现场骰子（纪检监察员张某见证）' }, reserve: 2 },
    new Date('2025-04-18T02:00:00Z'),
  );
  const drawn = await runCeremony(db, planner, { id: committed.id, value: '40961536265358979323846', witnessName: '张某（纪检监察员）' });
  await matchDrawInspectors(db, planner, { id: committed.id, capPerInspector: null, crossRegionUnits: null });
  const visits = drawn.visits.slice(0, 6);
  let results = 0;
  for (const [i, visit] of visits.entries()) {
    const finding: ItemEntry =
      i === 0
        ? {
            categories: ['problemOrderedToCorrect'],
            methods: ['onSite'],
            findings: '电梯定期检验报告超期，未按期申报检验',
            rectificationDeadline: '2025-07-15',
          }
        : i === 1
          ? {
              categories: ['problemPendingInvestigation'],
              methods: ['onSite', 'documentary'],
              findings: '压力容器使用登记证与设备铭牌不符',
            }
          : { categories: ['noProblem'], methods: ['onSite'] };
    const saved = await saveResult(db, staff, {
      drawId: committed.id,
      uscc: visit.id,
      checkedOn: `2025-06-${String(10 + i).padStart(2, '0')}`,
      items: [{ itemName: visit.items[0] ?? '特种设备使用单位监督检查', result: finding }],
    });
    // Both assigned inspectors confirmed on their phones (the demo records it directly).
    const row = await db.selectFrom('visit_result').select(['content']).where('id', '=', saved.id).executeTakeFirstOrThrow();
    const sent = await peopleSentTo(db, { unitCode: '140581', id: committed.id }, visit.id);
    const content = { ...(row.content as StoredContent), confirmedBy: sent.map((p) => p.inspector_id) };
    await db
      .updateTable('visit_result')
      .set({ content: JSON.stringify(content) })
      .where('id', '=', saved.id)
      .execute();
    await submitResult(db, staff, { id: saved.id });
    await publishVisitResult(db, staff, { id: saved.id });
    results += 1;
  }
  const followups = Number(
    (
      await db
        .selectFrom('followup_item')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('task_code', '=', TASK)
        .executeTakeFirstOrThrow()
    ).n,
  );
  return { results, followups };
}
