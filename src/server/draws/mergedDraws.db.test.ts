// 合并抽取 over the real app and database (PGlite always; PostgreSQL when DATABASE_URL is set; Citus
// when SSJ_CITUS_URL is): two tasks of one plan committed together → one ceremony → one visit per
// business with both tasks' items → results → each task's visits and results counted per task;
// the bundle verifies (also with `ssj verify`); a task out of reach or already drawn writes nothing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import { verifyBundle } from '../../core/draw/index.ts';
import { groupMembers, taskRows } from '../indicators/indicatorRows.ts';
import { publishedGaopingPlan } from '../../testing/plans.ts';
import { waitForLockWaiters } from '../../testing/lockWaits.ts';

const databases = await openTestDatabases();
const DICE = '2718281828 4590452353 6';
const source = { kind: 'dice', name: '2026-03-12 公开摇号现场骰子（纪检监察员见证）' };
const bin = path.resolve(import.meta.dirname, '../../../bin/ssj.mjs');

describe.each(databases.map((d) => [d.name, d] as const))('合并抽取 on %s', (_name, testDb: TestDatabase) => {
  const { as } = demoAppPerSuite(testDb);
  const db = () => testDb.database.db;

  /** The task codes, in row order, of a published 高平 plan of these seed-table rows over 全市存续企业. */
  const publishedTaskCodes = async (gp: ApiClient, year: number, title: string, rows: string[]) =>
    (await publishedGaopingPlan(gp, year, title, rows)).map((t) => t.code);

  const drawCount = () => countRows(testDb.database, 'draw');
  const auditCount = () => countRows(testDb.database, 'audit_log');

  it('two tasks in one commit: one visit per business with both tasks’ items; results and completion count per task; the bundle verifies', async () => {
    const gp = await as('gp.planner');
    const [food, price, third] = await publishedTaskCodes(gp, 2027, '高平市2027年度合并抽取测试计划', [
      '1\t食品经营抽查\t食品经营许可事项的检查\t全市存续企业\t10%\t分别递加比例抽查\t3月—9月\t【县抽县查】',
      '2\t价格行为抽查\t明码标价的检查\t全市存续企业\t20%\t分别递加比例抽查\t5月—11月\t【县抽县查】',
      '3\t广告发布抽查\t广告发布的检查\t全市存续企业\t5%\t分别递加比例抽查\t10月—11月\t【县抽县查】',
    ]);

    // Each task's page offers the plan's other tasks whose window has days in common with its own.
    const candidates = async (code: string) =>
      ((await gp.get(`/api/tasks/${code}/draw-preview`)).body.mergeCandidates as { code: string; samePopulation: boolean }[]).map((c) => [
        c.code,
        c.samePopulation,
      ]);
    expect(await candidates(food!)).toEqual([[price, true]]);
    expect(await candidates(price!)).toEqual([
      [food, true],
      [third, true],
    ]);

    // Periods with no day in common cannot be one visit.
    const apart = await gp.post('/api/draws/merged', { taskCodes: [food, third], publicSource: source });
    expect(apart.status).toBe(422);
    expect(apart.body.message).toMatch(/抽查期间没有共同的日子/);
    // One task is not a merge.
    expect((await gp.post('/api/draws/merged', { taskCodes: [food], publicSource: source })).status).toBe(400);

    const committed = await gp.post('/api/draws/merged', { taskCodes: [price, food], publicSource: source, reserve: 1 });
    expect(committed.status, JSON.stringify(committed.body)).toBe(200);
    const { id, drawCode, groups } = committed.body;
    // P.task joins the task codes in byte order with "+", which no task code contains.
    expect(drawCode).toBe(`${food}+${price}-1`);
    expect(groups.map((g: { code: string }) => g.code)).toEqual([food, price]);

    // Each task's page lists the merged draw; a single draw of either task in the batch is refused.
    for (const code of [food, price]) {
      const preview = (await gp.get(`/api/tasks/${code}/draw-preview`)).body;
      expect(preview.draws.map((d: { drawCode: string }) => d.drawCode)).toEqual([drawCode]);
      expect(preview.draws[0].mergedTasks).toEqual([food, price]);
      const alone = await gp.post(`/api/tasks/${code}/draws`, { batch: 1, publicSource: source });
      expect(alone.status).toBe(409);
      expect(alone.body.message).toContain(`第 1 批已有抽取记录 ${drawCode}`);
    }

    const drawn = await gp.post(`/api/draws/${id}/ceremony`, { value: DICE, witnessName: '王见证' });
    expect(drawn.status).toBe(200);
    const sample = drawn.body.sample as { group: string; id: string }[];
    const byTask = (code: string) => new Set(sample.filter((e) => e.group === code).map((e) => e.id));
    const foodIds = byTask(food!);
    const priceIds = byTask(price!);
    const both = [...foodIds].filter((x) => priceIds.has(x));
    // Shared tickets: the 10% sample of a class lies within the 20% sample of the same class.
    expect(both.length).toBeGreaterThan(0);
    const union = new Set([...foodIds, ...priceIds]);

    const visits = await db()
      .selectFrom('visit')
      .select(['object_id', 'task_code', 'groups', 'items', 'period_start', 'period_end'])
      .where('draw_id', '=', id)
      .execute();
    expect(visits.map((v) => v.object_id).sort()).toEqual([...union].sort());
    for (const v of visits) {
      const expected = [...(foodIds.has(v.object_id) ? [food] : []), ...(priceIds.has(v.object_id) ? [price] : [])];
      expect(v.groups).toEqual(expected);
      expect(v.task_code).toBe(expected[0]);
      expect(v.items).toEqual(
        [...(foodIds.has(v.object_id) ? ['食品经营许可事项的检查'] : []), ...(priceIds.has(v.object_id) ? ['明码标价的检查'] : [])].sort(),
      );
    }
    // A business drawn by both tasks is inspected in the days common to both windows.
    const shared = visits.find((v) => v.object_id === both[0])!;
    expect([shared.period_start, shared.period_end]).toEqual(['2027-05-01', '2027-09-30']);

    // The draw page shows the visits once, with both tasks' items.
    const page = (await gp.get(`/api/draws/${id}`)).body;
    expect(page.mergedTasks).toEqual([food, price]);
    expect(page.visits).toHaveLength(union.size);
    expect(page.visits.find((v: { id: string }) => v.id === both[0]).items).toEqual(['明码标价的检查', '食品经营许可事项的检查']);

    // The bundle verifies, here and with `ssj verify`.
    const bundle = (await gp.get(`/api/draws/${id}/bundle`)).body;
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-merged-')), 'merged.bundle.json');
    fs.writeFileSync(file, JSON.stringify(bundle));
    const cli = spawnSync(process.execPath, [bin, 'verify', file], {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 60_000,
    });
    expect(cli.stdout).toContain('VALID（审计版）');
    expect(cli.status).toBe(0);

    // A result on the shared visit and one on a price-only visit: each task counts its own visits.
    const priceOnly = [...priceIds].find((x) => !foodIds.has(x))!;
    for (const uscc of [both[0]!, priceOnly]) {
      const v = visits.find((x) => x.object_id === uscc)!;
      await db()
        .insertInto('visit_result')
        .values({
          unit_code: '140581',
          draw_unit_code: '140581',
          draw_id: id,
          task_code: v.task_code,
          year: 2027,
          uscc,
          entity_name: uscc,
          status: 'pendingReview',
          record: '{}',
          content: '{}',
          checked_on: '2027-06-01',
          created_by_name: '测试',
        })
        .execute();
    }
    const gaoping = await db().selectFrom('org_unit').select(['code', 'path']).where('code', '=', '140581').executeTakeFirstOrThrow();
    const facts = await sql<{ task_code: string; drawn: string; visits: string; finished: string }>`
      SELECT task_code, drawn, visits, finished FROM (${taskRows(await groupMembers(db(), [gaoping]), 2027)}) x WHERE task_code IN (${food}, ${price}, ${third})
      ORDER BY task_code`.execute(db());
    expect(facts.rows.map((r) => [r.task_code, Number(r.drawn), Number(r.visits), Number(r.finished)])).toEqual([
      [food, 1, foodIds.size, 1],
      [price, 1, priceIds.size, 2],
      [third, 0, 0, 0],
    ]);
  });

  it('a task out of reach in the selection answers NOT_FOUND with no names, a task already drawn the Chinese reason; nothing is written', async () => {
    const gp = await as('gp.planner');
    const [a, b] = await publishedTaskCodes(gp, 2028, '高平市2028年度合并抽取测试计划', [
      '1\t食品经营抽查\t食品经营许可事项的检查\t全市存续企业\t5%\t分别递加比例抽查\t3月—9月\t【县抽县查】',
      '2\t价格行为抽查\t明码标价的检查\t全市存续企业\t5%\t分别递加比例抽查\t3月—9月\t【县抽县查】',
    ]);
    // A task of another county's plan, and a made-up code: the same answer, no names.
    const foreign = await db()
      .selectFrom('plan_task')
      .select('task_code')
      .where('unit_code', 'not in', ['140581', '140500', '140000'])
      .executeTakeFirstOrThrow();
    const [draws, audits] = [await drawCount(), await auditCount()];
    const outside = await gp.post('/api/draws/merged', { taskCodes: [a, foreign.task_code], publicSource: source });
    const madeUp = await gp.post('/api/draws/merged', { taskCodes: [a, '140581-2028-999'], publicSource: source });
    expect(outside.status).toBe(404);
    expect(outside.body).toEqual(madeUp.body);
    expect(JSON.stringify(outside.body)).not.toContain(foreign.task_code);
    expect([await drawCount(), await auditCount()]).toEqual([draws, audits]);

    // Task a drawn alone in batch 1: merging it in batch 1 is refused, naming that draw; nothing is written.
    const single = await gp.post(`/api/tasks/${a}/draws`, { batch: 1, publicSource: source });
    expect(single.status).toBe(200);
    const [draws2, audits2] = [await drawCount(), await auditCount()];
    const again = await gp.post('/api/draws/merged', { taskCodes: [b, a], publicSource: source });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain(`任务 ${a} 第 1 批已有抽取记录 ${a}-1`);
    expect(again.body.message).toMatch(/请先作废该记录并写明原因/);
    expect([await drawCount(), await auditCount()]).toEqual([draws2, audits2]);

    // Voided, the batch can be drawn merged: a re-draw, so with a reason, numbered after it.
    expect((await gp.post(`/api/draws/${single.body.id}/void`, { reason: '改为两个任务合并抽取' })).status).toBe(200);
    const noReason = await gp.post('/api/draws/merged', { taskCodes: [a, b], publicSource: source });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/第 2 次抽取.*必须填写重抽原因/);
    const redraw = await gp.post('/api/draws/merged', {
      taskCodes: [a, b],
      publicSource: source,
      reason: '改为合并抽取，进一次门查多项事',
    });
    expect(redraw.status).toBe(200);
    expect(redraw.body.drawCode).toBe(`${a}+${b}-1-R1`);
  });

  it('concurrent commits of one task batch, alone and merged over overlapping tasks: exactly one wins, the others get the Chinese reason', async () => {
    const gp = await as('gp.planner');
    // Three tasks of 5 % over 全市存续企业, March to September.
    const rows = [
      ['食品经营抽查', '食品经营许可事项的检查'],
      ['价格行为抽查', '明码标价的检查'],
      ['广告发布抽查', '广告发布的检查'],
    ].map(([name, item], i) => [i + 1, name, item, '全市存续企业', '5%', '分别递加比例抽查', '3月—9月', '【县抽县查】'].join('\t'));
    const [a, b, c] = await publishedTaskCodes(gp, 2029, '高平市2029年度合并抽取并发测试计划', rows);
    const [draws, audits] = [await drawCount(), await auditCount()];
    // Task b alone, a+b and b+c merged, at once: each draw leads with a different task, so only
    // the claim of b's batch (draw_task) stands between them. On a server the three are made to
    // overlap: the draw table is locked until each has found no draw of the batch and waits to
    // insert its own (PGlite runs one transaction at a time).
    const send = () =>
      Promise.all([
        gp.post(`/api/tasks/${b}/draws`, { batch: 1, publicSource: source }),
        gp.post('/api/draws/merged', { taskCodes: [a, b], publicSource: source }),
        gp.post('/api/draws/merged', { taskCodes: [b, c], publicSource: source }),
      ]);
    let sent: ReturnType<typeof send> | undefined;
    let waited = 0;
    if (testDb.database.engine === 'postgres') {
      await db()
        .transaction()
        .execute(async (trx) => {
          await sql`LOCK TABLE draw IN EXCLUSIVE MODE`.execute(trx);
          sent = send();
          waited = await waitForLockWaiters(db(), 'insert into "draw"%', 3);
        });
      expect(waited).toBe(3);
    }
    const answers = await (sent ?? send());
    const won = answers.filter((r) => r.status === 200);
    expect(won, JSON.stringify(answers.map((r) => [r.status, r.body]))).toHaveLength(1);
    const winner = won[0]!.body as { id: string; drawCode: string };
    for (const lost of answers.filter((r) => r.status !== 200)) {
      expect(lost.status).toBe(409);
      expect(lost.body.message).toBe(
        `任务 ${b} 第 1 批已有抽取记录 ${winner.drawCode}（已承诺、待摇号）。同一批不能再承诺；确需重抽，请先作废该记录并写明原因。`,
      );
    }
    // One draw and its one audit row were written; its tasks' batches are held by it alone.
    expect([await drawCount(), await auditCount()]).toEqual([draws + 1, audits + 1]);
    const held = await db()
      .selectFrom('draw_task')
      .select(['task_code', 'draw_id'])
      .where('batch_no', '=', 1)
      .where('task_code', 'in', [a!, b!, c!])
      .execute();
    expect(held.every((h) => h.draw_id === winner.id)).toBe(true);
    expect(held.map((h) => h.task_code).sort()).toEqual(winner.drawCode.replace(/-1$/, '').split('+').sort());
    // The database itself refuses a second holder of b's batch, whatever the application does.
    const other = await db()
      .selectFrom('draw')
      .select('id')
      .where('unit_code', '=', '140581')
      .where('id', '<>', winner.id)
      .executeTakeFirstOrThrow();
    await expect(
      db().insertInto('draw_task').values({ unit_code: '140581', task_code: b!, batch_no: 1, draw_id: other.id }).execute(),
    ).rejects.toThrow();

    // Voided, the draw lets go of its batches: the merged draw of all three is then committed.
    expect((await gp.post(`/api/draws/${winner.id}/void`, { reason: '并发测试：改为三项合并抽取' })).status).toBe(200);
    expect(await db().selectFrom('draw_task').select('task_code').where('draw_id', '=', winner.id).execute()).toEqual([]);
    const all = await gp.post('/api/draws/merged', { taskCodes: [a, b, c], publicSource: source, reason: '三项合并，进一次门查多项事' });
    expect(all.status, JSON.stringify(all.body)).toBe(200);
    expect(all.body.drawCode).toBe(`${a}+${b}+${c}-1-R1`);
  });
});
