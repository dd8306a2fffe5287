// The verifiable draw workflow over the real app and database (PGlite always; PostgreSQL when
// DATABASE_URL is set): commit before seed, the ceremony, one draw per commit, bundles that
// verify, reserves, matching, void and re-draw, 市抽县查 and the A-class exclusion; a draw whose
// visits have results keeps them; concurrent commits; publishing the sample only when due.
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { countRows, openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { demoAppPerSuite } from '../../testing/demoApp.ts';
import {
  countByClass,
  formatFrame,
  parseExclusions,
  runDraw,
  verifyBundle,
  type DrawParams,
  type RiskClass,
} from '../../core/draw/index.ts';
import { loadScope } from '../access/scope.ts';
import type { Caller } from '../http/route.ts';
import { runCeremony } from './drawCommands.ts';
import { publishedGaopingPlan, publishedPlan, subLibraryNamed } from '../../testing/plans.ts';

const databases = await openTestDatabases();
const DICE = '3141592653 5897932384 6';

describe.each(databases.map((d) => [d.name, d] as const))('双随机抽取 on %s', (_name, testDb: TestDatabase) => {
  const { app, as } = demoAppPerSuite(testDb);

  /** gp.planner as a use case's caller (for calls below the HTTP layer). */
  async function plannerOf(unitCode: string): Promise<Caller> {
    const user = await testDb.database.db
      .selectFrom('app_user')
      .select(['id', 'username', 'display_name'])
      .where('username', '=', 'gp.planner')
      .executeTakeFirstOrThrow();
    const scope = await loadScope(testDb.database.db, unitCode);
    return { userId: user.id, username: user.username, displayName: user.display_name, role: 'planner', scope, sessionTokenHash: '' };
  }

  /** Publishes a 高平 plan of one task over 全市存续企业 (a seed table row after the header); returns the task. */
  async function publishedGaopingTask(gp: ApiClient, year: number, title: string, row: string) {
    const [task] = await publishedGaopingPlan(gp, year, title, [row]);
    return task!;
  }

  const auditCount = (action: string, objectId: string) => countRows(testDb.database, 'audit_log', { action, object_id: objectId });

  /** A result entered for each named visit, as result entry stores it (status as given). */
  async function resultsFor(drawId: string, ids: string[], status: 'draft' | 'pendingReview') {
    const db = testDb.database.db;
    const visits = await db
      .selectFrom('visit')
      .select(['draw_unit_code', 'object_id', 'object_name', 'inspecting_unit_code', 'task_code', 'year'])
      .where('draw_id', '=', drawId)
      .where('object_id', 'in', ids)
      .execute();
    for (const v of visits) {
      await db
        .insertInto('visit_result')
        .values({
          unit_code: v.inspecting_unit_code,
          draw_unit_code: v.draw_unit_code,
          draw_id: drawId,
          task_code: v.task_code,
          year: v.year,
          uscc: v.object_id,
          entity_name: v.object_name ?? v.object_id,
          status,
          record: '{}',
          content: '{}',
          created_by_name: '测试',
        })
        .onConflict((oc) => oc.columns(['unit_code', 'draw_id', 'uscc']).doUpdateSet({ status }))
        .execute();
    }
  }

  async function bundleOf(client: ApiClient, id: string, pub = false) {
    const res = await client.get(`/api/draws/${id}/bundle${pub ? '?public=true' : ''}`);
    expect(res.status).toBe(200);
    return res.body;
  }

  const source = { kind: 'dice', name: '2025-04-20 公开摇号现场骰子（纪检监察员见证）' };
  // The demo's 2025 tasks ended before today: a commit for them needs a reason (shown with the notice).
  const late = '补录2025年度抽取记录';

  it('commits before any seed, draws once at the ceremony, and the bundle verifies (and fails when edited)', async () => {
    const gp = await as('gp.planner');
    const preview = (await gp.get('/api/tasks/140581-2025-001/draw-preview')).body;
    expect(preview.entries).toBeGreaterThan(0);
    expect(preview.allocation).toMatchObject({ ok: true, allocation: { mode: 'total', ratio: '3%' } });
    const eligible = Object.values(preview.counts as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(eligible).toBe(preview.entries - (preview.excluded as { count: number }[]).reduce((a, e) => a + e.count, 0));
    // Per class: N (eligible) and n (to be drawn), before the commit.
    for (const c of ['A', 'B', 'C', 'D', 'U']) expect(preview.planned[c].N).toBe(preview.counts[c]);
    const plannedSize = Object.values(preview.planned as Record<string, { n: number }>).reduce((a, x) => a + x.n, 0);
    expect(plannedSize).toBe(Math.ceil((eligible * 3) / 100));
    expect(preview.periodEndedOn).toMatch(/^2025-/);

    // The task period has ended: the commit needs a reason, which the notice shows.
    const noReason = await gp.post('/api/tasks/140581-2025-001/draws', { batch: 1, publicSource: source, reserve: 2 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toMatch(/抽查期间已于 2025-\d\d-\d\d 结束.*请填写原因/);
    const committed = await gp.post('/api/tasks/140581-2025-001/draws', { batch: 1, publicSource: source, reserve: 2, reason: late });
    expect(committed.status).toBe(200);
    const { id, commit, drawCode } = committed.body;
    expect(Object.values(committed.body.planned as Record<string, { n: number }>).reduce((a, x) => a + x.n, 0)).toBe(plannedSize);
    expect(drawCode).toBe('140581-2025-001-1');
    const secret = (await testDb.database.db.selectFrom('draw').select('operator_value').where('id', '=', id).executeTakeFirstOrThrow())
      .operator_value;

    // The commit is on the portal before the seed exists, without the operator's value.
    const anon = new ApiClient(app());
    const notice = (await anon.get('/api/public/draws?taskCode=140581-2025-001')).body.items[0];
    expect(notice).toMatchObject({ commit, status: 'committed', resultPublic: false, sampleSize: null, commitReason: late });
    expect(notice.planned[0].classes).toEqual(preview.planned);
    expect(JSON.stringify(notice)).not.toContain(secret);
    expect(JSON.stringify((await gp.get(`/api/draws/${id}`)).body)).not.toContain(secret);
    expect((await gp.get(`/api/draws/${id}/bundle`)).status).toBe(409);

    // A second commit for the same batch is refused.
    expect((await gp.post('/api/tasks/140581-2025-001/draws', { batch: 1, publicSource: source, reason: late })).status).toBe(409);

    const short = await gp.post(`/api/draws/${id}/ceremony`, { value: '1234567890123456789', witnessName: '王见证' });
    expect(short.status).toBe(422);
    expect(short.body.message).toContain('至少 20 位');
    const drawn = await gp.post(`/api/draws/${id}/ceremony`, { value: DICE, witnessName: '王见证' });
    expect(drawn.status).toBe(200);
    expect(drawn.body.sample.length).toBeGreaterThan(0);
    const again = await gp.post(`/api/draws/${id}/ceremony`, { value: '99999999999999999999', witnessName: '王见证' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('不能再抽第二次');

    const bundle = await bundleOf(gp, id);
    expect(verifyBundle(bundle)).toEqual({ status: 'VALID', scope: 'auditor' });
    expect(bundle.sources[0].value).toBe('31415926535897932384' + '6');
    expect(bundle.sources[1].value).toBe(secret);
    const edited = structuredClone(bundle);
    edited.sample[0].ticket = edited.sample[0].ticket.replace(/^./, (c: string) => (c === '0' ? '1' : '0'));
    expect(verifyBundle(edited).status).toBe('MISMATCH');
    const pub = await bundleOf(gp, id, true);
    expect(verifyBundle(pub)).toEqual({ status: 'VALID', scope: 'public' });
    expect(JSON.stringify(pub)).not.toContain('\t');

    // Matching: every visit gets at least two 高平 inspectors, at least one with a valid 执法证.
    const capZero = await gp.post(`/api/draws/${id}/match`, { capPerInspector: 0 });
    expect(capZero.status).toBe(400);
    expect(capZero.body.message).toContain('每人最多检查户数：至少为 1；不限制请留空');
    const matched = await gp.post(`/api/draws/${id}/match`, {});
    expect(matched.status).toBe(200);
    expect(matched.body.assignment.length).toBe(drawn.body.visits.length);
    for (const a of matched.body.assignment) {
      expect(a.inspectors.length).toBeGreaterThanOrEqual(2);
      expect(a.inspectors.some((c: string) => matched.body.inspectors[c].category === 'enforcement')).toBe(true);
    }
    expect(verifyBundle(await bundleOf(gp, id)).status).toBe('VALID');

    // A manual swap keeps the rules, needs a reason and is recorded with the draw.
    const visit = matched.body.assignment[0];
    const pool = Object.entries(matched.body.inspectors as Record<string, any>);
    const experts = pool.filter(([, p]) => p.category === 'expert' && p.drawable).map(([c]) => c);
    if (experts.length >= 2) {
      const onlyExperts = await gp.post(`/api/draws/${id}/swaps`, {
        visitId: visit.id,
        inspectors: experts.slice(0, 2),
        reason: '原检查人员病假',
      });
      expect(onlyExperts.status).toBe(400);
      expect(onlyExperts.body.message).toContain('执法证');
    }
    const others = pool.filter(([c, p]) => p.category === 'enforcement' && p.drawable && !visit.inspectors.includes(c)).map(([c]) => c);
    expect((await gp.post(`/api/draws/${id}/swaps`, { visitId: visit.id, inspectors: others.slice(0, 2), reason: '短' })).status).toBe(400);
    const swapped = await gp.post(`/api/draws/${id}/swaps`, {
      visitId: visit.id,
      inspectors: others.slice(0, 2),
      reason: '原检查人员病假',
    });
    expect(swapped.status).toBe(200);
    const afterSwap = (await gp.get(`/api/draws/${id}`)).body;
    const swappedVisit = afterSwap.visits.find((v: any) => v.id === visit.id);
    expect(swappedVisit.inspectors.map((p: any) => p.code).sort()).toEqual([...others.slice(0, 2)].sort());
    expect(swappedVisit.inspectingUnitName).toBe('高平市市场监督管理局');
    expect(afterSwap.matching.swaps[0]).toMatchObject({ visitId: visit.id, before: visit.inspectors, reason: '原检查人员病假' });
    // The people replaced stay on record, with why.
    expect(
      afterSwap.released
        .filter((p: any) => p.visitId === visit.id)
        .map((p: any) => p.code)
        .sort(),
    ).toEqual(visit.inspectors);
    expect(afterSwap.released[0].reason).toBe('人工调整：原检查人员病假');
    const swappedBundle = await bundleOf(gp, id);
    expect(verifyBundle(swappedBundle).status).toBe('VALID');
    expect(swappedBundle.assignment_changes).toEqual([
      expect.objectContaining({ visit: visit.id, before: visit.inspectors, reason: '原检查人员病假' }),
    ]);
    expect(JSON.stringify(swappedBundle.assignment_changes)).not.toContain('"name"'); // codes only, no personal data

    // A reserve replaces an object (e.g. 已注销 before the visit), with the reason in the bundle.
    const first = drawn.body.sample[0];
    const reserve = await gp.post(`/api/draws/${id}/reserves`, { replacedId: first.id, reason: '检查前已注销' });
    if (drawn.body.reserves.some((r: any) => r.class === first.class)) {
      expect(reserve.status).toBe(200);
      const after = await bundleOf(gp, id);
      expect(after.reserves.find((r: any) => r.id === reserve.body.reserveId)).toMatchObject({ used: true });
      expect(after.visits.some((v: any) => v.id === reserve.body.reserveId)).toBe(true);
      expect(verifyBundle(after).status).toBe('VALID');
      expect((await gp.post(`/api/draws/${id}/reserves`, { replacedId: first.id, reason: '检查前已注销' })).status).toBe(409);
      // The replaced object's people are released; 匹配 then staffs only the reserve's visit.
      const withReserve = (await gp.get(`/api/draws/${id}`)).body;
      expect(withReserve.visits.find((v: any) => v.id === first.id)).toMatchObject({ replacedBy: reserve.body.reserveId, inspectors: [] });
      expect(withReserve.visits.find((v: any) => v.id === reserve.body.reserveId)).toMatchObject({ reserveFor: first.id, inspectors: [] });
      const staffed = await gp.post(`/api/draws/${id}/match`, {});
      expect(staffed.status).toBe(200);
      expect(staffed.body.assignment.map((a: any) => a.id)).toEqual([reserve.body.reserveId]);
      if (visit.id !== first.id) {
        const swappedStill = (await gp.get(`/api/draws/${id}`)).body.visits.find((v: any) => v.id === visit.id);
        expect(swappedStill.inspectors.map((p: any) => p.code).sort()).toEqual([...others.slice(0, 2)].sort());
      }
      expect(verifyBundle(await bundleOf(gp, id)).status).toBe('VALID');
    } else {
      expect(reserve.status).toBe(422);
    }

    // The task period has ended: the result may be made public, once.
    const before = (await gp.get(`/api/draws/${id}`)).body.publication;
    expect(before).toMatchObject({ periodEnded: true, ready: true, done: 0 });
    expect((await anon.get(`/api/public/draws/${id}/bundle`)).status).toBe(404);
    const published = await gp.post(`/api/draws/${id}/publish-result`, {});
    expect(published.status).toBe(200);
    const twice = await gp.post(`/api/draws/${id}/publish-result`, {});
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已公开');
    expect(await auditCount('draw.publishResult', id)).toBe(1);
    const publicNotice = (await anon.get('/api/public/draws?taskCode=140581-2025-001')).body.items[0];
    expect(publicNotice).toMatchObject({ resultPublic: true, sampleSize: drawn.body.sample.length });
    const publicBundle = await anon.get(`/api/public/draws/${id}/bundle`);
    expect(publicBundle.status).toBe(200);
    expect(verifyBundle(publicBundle.body)).toEqual({ status: 'VALID', scope: 'public' });
  });

  it('a re-draw needs the old draw voided and a reason; the voided draw stays visible', async () => {
    const gp = await as('gp.planner');
    const first = (
      await gp.post('/api/tasks/140581-2025-004/draws', {
        publicSource: { kind: 'lottery', name: '中国福利彩票双色球 2025年第45期开奖号码' },
        reason: late,
      })
    ).body;
    expect((await gp.post(`/api/draws/${first.id}/void`, { reason: '短' })).status).toBe(400);
    expect((await gp.post(`/api/draws/${first.id}/void`, { reason: '承诺公示时间不足，重新公示' })).status).toBe(200);
    const shortReason = await gp.post('/api/tasks/140581-2025-004/draws', { publicSource: source, reason: '重抽' });
    expect(shortReason.status).toBe(400);
    const second = await gp.post('/api/tasks/140581-2025-004/draws', { publicSource: source, reason: '上次承诺已作废，重新公示' });
    expect(second.status).toBe(200);
    expect(second.body.drawCode).toBe('140581-2025-004-1-R1');
    const list = (await new ApiClient(app()).get('/api/public/draws?taskCode=140581-2025-004')).body.items;
    expect(list.map((d: any) => [d.drawCode, d.status])).toEqual([
      ['140581-2025-004-1-R1', 'committed'],
      ['140581-2025-004-1', 'voided'],
    ]);
    expect(list[1].voidReason).toBe('承诺公示时间不足，重新公示');
  });

  it('refuses a draw when the frozen frame was changed after the commit', async () => {
    const gp = await as('gp.planner');
    const committed = (await gp.post('/api/tasks/140581-2025-005/draws', { publicSource: source, reason: late })).body;
    await sql`UPDATE draw_group_file SET frame = frame || ${'91140581MA0XXXXX0X\tA\n'} WHERE draw_id = ${committed.id}`.execute(
      testDb.database.db,
    );
    const res = await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' });
    expect(res.status).toBe(422);
    const row = await testDb.database.db
      .selectFrom('draw')
      .select(['status', 'seed'])
      .where('id', '=', committed.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'committed', seed: null });
  });

  it('excludes A-class businesses drawn this year by another task, and businesses not 存续, each with its source', async () => {
    const gp = await as('gp.planner');
    const active = await subLibraryNamed(gp, '全市存续企业');
    const created = await gp.post('/api/sub-libraries', {
      name: '全部企业（含非存续）',
      description: '',
      rule: { subjectTypes: ['enterprise'] },
    });
    expect(created.status).toBe(200);
    const tagged = created.body.id as string;
    const rows = [
      '1\t低风险企业专项\t登记事项检查\t全市存续企业\t5%\tA类50%，B类1%，C类1%，D类1%\t3月—11月\t【县抽县查】',
      '2\t企业公示信息抽查\t公示信息检查\t全市存续企业\t5%\t分别递加比例抽查\t3月—11月\t【县抽县查】',
      '3\t企业登记状态核查\t登记事项检查\t全部企业\t20户\t分别递加比例抽查\t3月—11月\t【县抽县查】',
    ];
    const tasks = await publishedPlan(gp, { year: 2025, title: '高平市2025年度专项抽查计划', rows }, [active, active, tagged]);

    // A-class businesses the demo's own draws of 2025 already sampled (the city's task covers 高平 too).
    const demoDraws = await testDb.database.db
      .selectFrom('draw')
      .select('result')
      .where('year', '=', 2025)
      .where('status', '=', 'drawn')
      .execute();
    const earlierA = demoDraws.flatMap((d) =>
      ((d.result as any)?.sample ?? []).filter((e: any) => e.class === 'A').map((e: any) => e.id as string),
    );
    const first = (await gp.post(`/api/tasks/${tasks[0]!.code}/draws`, { publicSource: source, reason: late })).body;
    const drawn = (await gp.post(`/api/draws/${first.id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    const sampledA = drawn.sample.filter((e: any) => e.class === 'A').map((e: any) => e.id);
    expect(sampledA.length).toBeGreaterThan(0);

    const secondRes = await gp.post(`/api/tasks/${tasks[1]!.code}/draws`, { publicSource: source, reason: late });
    expect(secondRes.body).toMatchObject({ drawCode: expect.any(String) });
    const second = secondRes.body;
    const files = await testDb.database.db
      .selectFrom('draw_group_file')
      .select(['frame', 'exclusions'])
      .where('draw_id', '=', second.id)
      .executeTakeFirstOrThrow();
    for (const id of sampledA) expect(files.exclusions).toContain(`${id}\tA类主体本年度已被抽查\t${first.drawCode} 抽取结果`);
    const excludedA = new Set([...sampledA, ...earlierA.filter((id) => files.frame.includes(id))]);
    expect(second.excluded).toContainEqual({ reason: 'A类主体本年度已被抽查', count: excludedA.size });
    expect(second.counts.A).toBe((files.frame.match(/\tA\n/g) ?? []).length - excludedA.size);

    const thirdRes = await gp.post(`/api/tasks/${tasks[2]!.code}/draws`, { publicSource: source, reason: late });
    expect(thirdRes.body).toMatchObject({ drawCode: expect.any(String) });
    const third = thirdRes.body;
    const notActive = await testDb.database.db
      .selectFrom('market_entity')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('unit_code', 'like', '140581%')
      .where('subject_type', '=', 'enterprise')
      .where('reg_status', '<>', '存续')
      .executeTakeFirstOrThrow();
    const thirdFiles = await testDb.database.db
      .selectFrom('draw_group_file')
      .select(['frame', 'exclusions'])
      .where('draw_id', '=', third.id)
      .executeTakeFirstOrThrow();
    expect(Number(notActive.n)).toBeGreaterThan(0);
    expect((thirdFiles.exclusions.match(/\t非存续（/g) ?? []).length).toBe(Number(notActive.n));
    // The frame is written by the database (string_agg in byte order); the oracle here is the
    // spec's writer over the same directory rows, unclassified ones as U, and the counts are
    // the eligible objects' classes.
    const all = await testDb.database.db
      .selectFrom('market_entity')
      .select(['uscc', 'risk_class', 'reg_status'])
      .where('unit_code', 'like', '140581%')
      .where('subject_type', '=', 'enterprise')
      .execute();
    expect(all.some((r) => r.risk_class === null)).toBe(true);
    const oracle = all.map((r) => ({ id: r.uscc, class: (r.risk_class ?? 'U') as RiskClass }));
    expect(thirdFiles.frame).toBe(formatFrame(oracle));
    expect(third.entries).toBe(all.length);
    const excludedIds = new Set(parseExclusions(thirdFiles.exclusions).map((e) => e.id));
    expect(third.counts).toEqual(countByClass(oracle.filter((e) => !excludedIds.has(e.id))));

    // The ceremony of a large frame hashes on worker threads (workerDraw.ts); forced here for
    // this small one, with its exclusions (on PostgreSQL the frame file streams out of the
    // database by binary COPY while it is hashed): the bundle is runDraw's and verifies.
    const row = await testDb.database.db
      .selectFrom('draw')
      .select(['unit_code', 'params', 'committed_at', 'operator_value', 'commit_hash'])
      .where('id', '=', third.id)
      .executeTakeFirstOrThrow();
    const onWorkers = await runCeremony(
      testDb.database.db,
      await plannerOf(row.unit_code),
      { id: third.id, value: DICE, witnessName: '王见证' },
      { workersFromChars: 0 },
    );
    const params = row.params as DrawParams;
    const reference = runDraw({
      params,
      groups: [{ code: 'G1', frame: thirdFiles.frame, exclusions: thirdFiles.exclusions }],
      committedAt: row.committed_at,
      sources: [
        { kind: 'dice', name: params.sources[0]!.name, value: DICE.replace(/\s/g, '') },
        { kind: 'operator', name: params.sources[1]!.name, value: row.operator_value },
      ],
      recordedCommit: row.commit_hash,
    });
    expect(onWorkers).toEqual({
      seed: reference.seed,
      sample: reference.sample,
      reserves: reference.reserves,
      visits: reference.visits,
      allocation: reference.allocation,
    });
    expect(verifyBundle(await bundleOf(gp, third.id))).toEqual({ status: 'VALID', scope: 'auditor' });
  });

  it('matching staffs an item only with people holding its 检查人员要求 (计量 for 计量器具使用的检查)', async () => {
    const gp = await as('gp.planner');
    const task = await publishedGaopingTask(
      gp,
      2027,
      '高平市2027年度计量专项计划',
      '1\t计量专项抽查\t计量器具使用的检查\t全市存续企业\t5户\t分别递加比例抽查\t3月—11月\t【县抽县查】',
    );
    const committed = (await gp.post(`/api/tasks/${task.code}/draws`, { publicSource: source })).body;
    expect((await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '王见证' })).status).toBe(200);
    const matched = await gp.post(`/api/draws/${committed.id}/match`, {});
    expect(matched.status).toBe(200);
    const ids = matched.body.assignment.flatMap((a: any) => a.inspectors.map((c: string) => matched.body.inspectors[c].id));
    const people = await testDb.database.db
      .selectFrom('inspector')
      .select(['id', 'specialties', 'qualifications'])
      .where('id', 'in', ids)
      .execute();
    expect(people.length).toBeGreaterThan(1);
    for (const p of people) expect([...p.specialties, ...p.qualifications]).toContain('计量');
  });

  it('市抽县查: the city draws; the county cannot draw it but sees and staffs its visits', async () => {
    const jc = await as('jc.planner');
    const table = [
      '序号\t抽查任务名称\t抽查类型\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
      '1\t对企业的双随机抽查\t不定向\t登记事项检查\t全市存续企业\t5%\t分别递加比例抽查\t3月—11月\t【市抽县查】市局发起，各县局实施',
    ].join('\n');
    const plan = (await jc.post('/api/plans', { year: 2026, title: '晋城市2026年度计划', text: table })).body;
    const lib = await jc.post('/api/sub-libraries', {
      name: '晋城全市存续企业',
      description: '',
      rule: { subjectTypes: ['enterprise'], regStatuses: ['存续'] },
    });
    expect(lib.status).toBe(200);
    const task = (await jc.get(`/api/plans/${plan.id}`)).body.tasks[0];
    expect(
      (await jc.request('PUT', `/api/plans/${plan.id}/tasks/${task.code}`, { cells: task.cells, subLibraryId: lib.body.id })).status,
    ).toBe(200);
    expect((await jc.post(`/api/plans/${plan.id}/publish`, {})).status).toBe(200);

    const gp = await as('gp.planner');
    const refused = await gp.post(`/api/tasks/${task.code}/draws`, { publicSource: source });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toContain('不能抽取');

    const committed = (await jc.post(`/api/tasks/${task.code}/draws`, { publicSource: source, reason: late })).body;
    // Before the ceremony, a county that inspects the task reads the city's commit (to prepare);
    // a county of another city does not; nobody but the city acts on it.
    const zz = await as('zz.planner');
    const yp = await as('yp.planner');
    expect((await gp.get(`/api/draws/${committed.id}`)).status).toBe(200);
    expect((await zz.get(`/api/draws/${committed.id}`)).status).toBe(200);
    expect((await yp.get(`/api/draws/${committed.id}`)).status).toBe(404);
    expect((await gp.get(`/api/tasks/${task.code}/draw-preview`)).body.draws.map((d: any) => d.id)).toContain(committed.id);
    const countyCeremony = await gp.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '李见证' });
    expect(countyCeremony.status).toBe(404);
    expect(countyCeremony.body.message).toBe('抽取记录不存在，或不在您当前所在单位的管辖范围内。请从列表中重新选择。');
    const drawn = (await jc.post(`/api/draws/${committed.id}/ceremony`, { value: DICE, witnessName: '李见证' })).body;
    expect(drawn.visits.length).toBeGreaterThan(0);
    // Matching staffs each visit from the county it is registered in (the visit rows' inspecting unit).
    const matched = await jc.post(`/api/draws/${committed.id}/match`, {});
    expect(matched.status).toBe(200);
    const visitUnits = new Map(
      (
        await testDb.database.db
          .selectFrom('visit')
          .select(['object_id', 'inspecting_unit_code'])
          .where('draw_id', '=', committed.id)
          .execute()
      ).map((v) => [v.object_id, v.inspecting_unit_code]),
    );
    for (const a of matched.body.assignment) {
      for (const code of a.inspectors) expect(matched.body.inspectors[code].unitCode.split('-')[0]).toBe(visitUnits.get(a.id));
    }
    expect([...visitUnits.values()]).toContain('140581');
    // After the ceremony a county reads the draw when it inspects one of its visits, and sees only those.
    const detail = (await gp.get(`/api/draws/${committed.id}`)).body;
    expect(detail.own).toBe(false);
    expect(detail.visits.length).toBe([...visitUnits.values()].filter((u) => u === '140581').length);
    for (const v of detail.visits) expect(v).toMatchObject({ inspectingUnitCode: '140581', inspectingUnitName: '高平市市场监督管理局' });
    expect((await zz.get(`/api/draws/${committed.id}`)).status).toBe([...visitUnits.values()].includes('140525') ? 200 : 404);
    expect((await yp.get(`/api/draws/${committed.id}`)).status).toBe(404);
    expect((await gp.post(`/api/draws/${committed.id}/match`, { reason: '县局重新安排人员' })).status).toBe(404);
    // The county's bundle is the public one (no frames: they hold the city's internal classes).
    expect((await gp.get(`/api/draws/${committed.id}/bundle`)).body.groups[0].frame).toBeUndefined();

    // A county task with the same item in the same period excludes what the city already drew in it.
    const gpLib = ((await gp.get('/api/sub-libraries')).body.items as { id: string; name: string; unitCode: string }[]).find(
      (l) => l.name === '全市存续企业' && l.unitCode === '140581',
    )!;
    const own = [
      '序号\t抽查任务名称\t抽查事项\t抽查对象范围\t抽查比例/数量\t信用风险分类管理\t抽查起止时间\t抽查检查模式',
      '1\t对企业登记事项的抽查\t登记事项检查\t全市存续企业\t3%\t分别递加比例抽查\t6月—12月\t【县抽县查】',
    ].join('\n');
    const gpPlan = (await gp.post('/api/plans', { year: 2026, title: '高平市2026年度计划', text: own })).body;
    const gpTask = (await gp.get(`/api/plans/${gpPlan.id}`)).body.tasks[0];
    await gp.request('PUT', `/api/plans/${gpPlan.id}/tasks/${gpTask.code}`, { cells: gpTask.cells, subLibraryId: gpLib.id });
    expect((await gp.post(`/api/plans/${gpPlan.id}/publish`, {})).status).toBe(200);
    const countyDraw = (await gp.post(`/api/tasks/${gpTask.code}/draws`, { publicSource: source })).body;
    const files = await testDb.database.db
      .selectFrom('draw_group_file')
      .select(['frame', 'exclusions'])
      .where('draw_id', '=', countyDraw.id)
      .executeTakeFirstOrThrow();
    const cityInGaoping = (drawn.sample as { id: string; class: string }[]).filter((e) => files.frame.includes(`${e.id}\t`));
    expect(cityInGaoping.filter((e) => e.class !== 'A').length).toBeGreaterThan(0);
    for (const e of cityInGaoping) {
      // A-class ones are already excluded as 本年度已被抽查 (that rule runs first); the others as covered.
      const reason = e.class === 'A' ? 'A类主体本年度已被抽查' : '已纳入上级或联合抽查任务';
      expect(files.exclusions).toContain(`${e.id}\t${reason}\t${committed.drawCode} 抽取结果`);
    }
  });

  it('keeps a draw whose visits have results: no void, no re-match, no reserve or swap on such a visit', async () => {
    const gp = await as('gp.planner');
    const db = testDb.database.db;
    // The demo's 140581-2025-013: drawn, matched, every visit's result entered and published.
    const draw = await db.selectFrom('draw').select(['id', 'status']).where('task_code', '=', '140581-2025-013').executeTakeFirstOrThrow();
    const inspected = await db.selectFrom('visit_result').select('uscc').where('draw_id', '=', draw.id).execute();
    expect(inspected.length).toBeGreaterThan(0);
    const uscc = inspected[0]!.uscc;
    // The people sent to the draw's visits now (assignments not released).
    const sentNow = () =>
      db.selectFrom('visit_inspector').selectAll().where('draw_id', '=', draw.id).where('released_at', 'is', null).execute();
    const sentBefore = await sentNow();

    const voided = await gp.post(`/api/draws/${draw.id}/void`, { reason: '结果公示后作废试验' });
    expect(voided.status).toBe(409);
    expect(voided.body.message).toContain('已有检查结果');
    const rematch = await gp.post(`/api/draws/${draw.id}/match`, { reason: '人员调整后重新匹配' });
    expect(rematch.status).toBe(409);
    expect(rematch.body.message).toContain('不能重新匹配');
    const again = await gp.post(`/api/draws/${draw.id}/match`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('请写明原因');
    const reserve = await gp.post(`/api/draws/${draw.id}/reserves`, { replacedId: uscc, reason: '检查前已注销' });
    expect(reserve.status).toBe(409);
    expect(reserve.body.message).toContain('已有检查结果');
    const people = (await gp.get(`/api/draws/${draw.id}`)).body.visits.find((v: any) => v.id === uscc);
    expect(people.hasResult).toBe(true);
    const swap = await gp.post(`/api/draws/${draw.id}/swaps`, {
      visitId: uscc,
      inspectors: people.inspectors.map((p: any) => p.code),
      reason: '原检查人员病假',
    });
    expect(swap.status).toBe(409);
    expect(swap.body.message).toContain('已录入检查结果');

    expect((await db.selectFrom('draw').select('status').where('id', '=', draw.id).executeTakeFirstOrThrow()).status).toBe('drawn');
    const sentAfter = await sentNow();
    expect(sentAfter).toEqual(sentBefore);
    expect(await auditCount('draw.void', draw.id)).toBe(0);
  });

  it('re-matching needs a reason and keeps the earlier assignment on record', async () => {
    const gp = await as('gp.planner');
    const { id } = (await gp.post('/api/tasks/140581-2025-012/draws', { publicSource: source, reason: late })).body;
    expect((await gp.post(`/api/draws/${id}/ceremony`, { value: DICE, witnessName: '王见证' })).status).toBe(200);
    const first = await gp.post(`/api/draws/${id}/match`, {});
    expect(first.status).toBe(200);
    const again = await gp.post(`/api/draws/${id}/match`, {});
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('请写明原因');
    expect((await gp.post(`/api/draws/${id}/match`, { reason: '短' })).status).toBe(400);
    const rematched = await gp.post(`/api/draws/${id}/match`, { capPerInspector: 1, reason: '每人只查一户，重新匹配' });
    expect(rematched.status).toBe(200);
    const view = (await gp.get(`/api/draws/${id}`)).body;
    const earlier = first.body.assignment.flatMap((a: any) => a.inspectors.map((c: string) => `${a.id}/${c}`)).sort();
    expect(view.released.map((p: any) => `${p.visitId}/${p.code}`).sort()).toEqual(earlier);
    for (const p of view.released) expect(p.reason).toBe('重新匹配：每人只查一户，重新匹配');
    const now = view.visits.flatMap((v: any) => v.inspectors.map((p: any) => `${v.id}/${p.code}`)).sort();
    expect(now).toEqual(rematched.body.assignment.flatMap((a: any) => a.inspectors.map((c: string) => `${a.id}/${c}`)).sort());
    expect(view.matching.options.capPerInspector).toBe(1);
    expect(verifyBundle(await bundleOf(gp, id)).status).toBe('VALID');
    expect((await bundleOf(gp, id)).assignment).toEqual(rematched.body.assignment);
  });

  it('concurrent commits of one task batch: one commit, every other answer 409', async () => {
    const clients = await Promise.all([as('gp.planner'), as('gp.planner'), as('gp.planner'), as('gp.planner')]);
    const answers = await Promise.all(
      clients.map((c) => c.post('/api/tasks/140581-2025-002/draws', { batch: 1, publicSource: source, reason: late })),
    );
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.map((a) => a.body.message))).toEqual([200, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(a.body.message).toContain('同一批不能再承诺');
    const rows = await testDb.database.db.selectFrom('draw').select('id').where('task_code', '=', '140581-2025-002').execute();
    expect(rows.length).toBe(1);
  });

  it('publishes the sample only once every visit has a submitted result while the task period runs', async () => {
    const gp = await as('gp.planner');
    const anon = new ApiClient(app());
    const task = await publishedGaopingTask(
      gp,
      2028,
      '高平市2028年度登记事项专项计划',
      '1\t登记事项专项抽查\t登记事项检查\t全市存续企业\t3户\t分别递加比例抽查\t3月—11月\t【县抽县查】',
    );
    const committed = await gp.post(`/api/tasks/${task.code}/draws`, { publicSource: source });
    expect(committed.status).toBe(200);
    const { id } = committed.body;
    const drawn = (await gp.post(`/api/draws/${id}/ceremony`, { value: DICE, witnessName: '王见证' })).body;
    const ids = drawn.visits.map((v: any) => v.id);
    expect(ids.length).toBe(3);
    expect((await gp.post(`/api/draws/${id}/match`, {})).status).toBe(200);

    const early = await gp.post(`/api/draws/${id}/publish-result`, {});
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('还有 3 户没有提交检查结果');
    // The portal shows the commitment and the counts, nothing drawn.
    const notice = (await anon.get(`/api/public/draws?taskCode=${task.code}`)).body.items[0];
    expect(notice).toMatchObject({ status: 'drawn', resultPublic: false, sampleSize: null });
    expect(JSON.stringify(notice)).not.toContain(ids[0]);
    expect((await anon.get(`/api/public/draws/${id}/bundle`)).status).toBe(404);

    await resultsFor(id, ids, 'draft');
    expect((await gp.post(`/api/draws/${id}/publish-result`, {})).status).toBe(409);
    await resultsFor(id, ids.slice(0, 2), 'pendingReview');
    const oneLeft = await gp.post(`/api/draws/${id}/publish-result`, {});
    expect(oneLeft.body.message).toContain('还有 1 户没有提交检查结果');
    await resultsFor(id, ids, 'pendingReview');
    expect((await gp.get(`/api/draws/${id}`)).body.publication).toMatchObject({ visits: 3, done: 3, periodEnded: false, ready: true });
    expect((await gp.post(`/api/draws/${id}/publish-result`, {})).status).toBe(200);
    expect((await gp.post(`/api/draws/${id}/publish-result`, {})).status).toBe(409);
    expect(await auditCount('draw.publishResult', id)).toBe(1);
    expect((await anon.get(`/api/public/draws?taskCode=${task.code}`)).body.items[0]).toMatchObject({ resultPublic: true, sampleSize: 3 });
    expect(verifyBundle((await anon.get(`/api/public/draws/${id}/bundle`)).body).status).toBe('VALID');
  });
});
