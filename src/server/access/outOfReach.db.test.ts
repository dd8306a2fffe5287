// The access rule, checked on every route whose path names a record: a user of a sibling
// county (泽州, beside 高平 under 晋城) asking for 高平's record by its id gets exactly the answer
// a made-up id gets — 404, the same body, no unit's or person's name — so ids, which are
// public in draw notices, reveal nothing about what exists in another unit.
//
// Each capability lists here, for each of its id routes, how to find an existing 高平 record
// and a request body that passes validation (so the request reaches the access check).
import { beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { openTestDatabases, type TestDatabase } from '../../db/testDatabase.ts';
import type { DB } from '../../db/schema.ts';
import { policy, type ModuleKey } from '../../core/access/policy.ts';
import { roles, type Role } from '../../core/glossary.ts';
import { hashPassword } from '../auth/password.ts';
import { createJob } from '../jobs/jobs.ts';
import { allRoutes } from '../routes.ts';
import type { AnyRoute } from '../http/route.ts';
import { ApiClient } from '../../testing/apiClient.ts';
import { clientPerRole, demoAppPerSuite } from '../../testing/demoApp.ts';

type Params = Record<string, string>;

interface Probe {
  /** Path parameters of an existing record owned by 高平 (140581) or a unit below it. */
  existing(db: Kysely<DB>): Promise<Params>;
  /** The same parameters naming nothing that exists. */
  missing: Params;
  /** A body that passes the route's validation. */
  body?: unknown;
  /** A query that passes the route's validation. */
  query?: Record<string, string>;
  /** Request headers (an upload sends its file raw, with its media type). */
  headers?: Record<string, string>;
}

const NO_SUCH_UUID = '00000000-0000-4000-8000-000000000000';
const gp = '140581';

async function one<T>(promise: Promise<T | undefined>, what: string): Promise<T> {
  const row = await promise;
  if (row === undefined) throw new Error(`test data: no ${what} of 高平 in the demo`);
  return row;
}

/** A probe of a route that names one record by its id: an existing 高平 record's, or an id naming nothing. */
function byId(existing: Probe['existing'], body?: unknown): Probe {
  return { existing, missing: { id: NO_SUCH_UUID }, body };
}

/** The id of a row kept by 高平 or a unit below it. */
function gaopingRow(table: 'inspector' | 'directory_object' | 'followup_item', what: string): Probe['existing'] {
  return async (db) => {
    const row = await one(db.selectFrom(table).select('id').where('unit_code', 'like', `${gp}%`).executeTakeFirst(), what);
    return { id: row.id };
  };
}

/** The demo's drawn 高平 draw (task 140581-2025-013: matched, results entered). */
async function gaopingDraw(db: Kysely<DB>): Promise<Params> {
  const row = await one(
    db.selectFrom('draw').select('id').where('unit_code', '=', gp).where('status', '=', 'drawn').executeTakeFirst(),
    '抽取记录',
  );
  return { id: row.id };
}

/** A visit of the demo's drawn 高平 draw. */
async function gaopingVisit(db: Kysely<DB>): Promise<Params> {
  const row = await one(
    db
      .selectFrom('visit as v')
      .innerJoin('draw as d', (j) => j.onRef('d.unit_code', '=', 'v.draw_unit_code').onRef('d.id', '=', 'v.draw_id'))
      .select(['v.draw_id', 'v.object_id'])
      .where('v.draw_unit_code', '=', gp)
      .where('d.status', '=', 'drawn')
      .executeTakeFirst(),
    '检查户',
  );
  return { drawId: row.draw_id, uscc: row.object_id };
}

/** A result entered by 高平 (the demo's task 140581-2025-013). */
async function gaopingResult(db: Kysely<DB>): Promise<Params> {
  const row = await one(db.selectFrom('visit_result').select('id').where('unit_code', '=', gp).executeTakeFirst(), '检查结果');
  return { id: row.id };
}

/** A login of 高平 (its home unit is 高平 or a unit below it). */
async function gaopingUser(db: Kysely<DB>): Promise<Params> {
  const row = await one(db.selectFrom('app_user').select('id').where('home_unit_code', 'like', `${gp}%`).executeTakeFirst(), '用户');
  return { id: row.id };
}

/** 高平's published 2025 plan (public on the portal, yet out of a sibling county's reach in the console). */
/** An import job of 高平 (the demo has none: one is recorded here, as an upload would). */
async function gaopingJob(db: Kysely<DB>): Promise<Params> {
  const id = await createJob(db, {
    unitCode: gp,
    kind: 'entity_import',
    fileName: '高平名录.xlsx',
    fileBytes: 1024,
    options: { dryRun: true, validOnly: false },
    createdBy: null,
    createdByName: '高平局管理员',
  });
  return { id };
}

async function gaopingEntity(db: Kysely<DB>): Promise<Params> {
  const row = await one(db.selectFrom('market_entity').select('uscc').where('unit_code', 'like', `${gp}%`).executeTakeFirst(), '市场主体');
  return { uscc: row.uscc };
}

async function gaopingPlan(db: Kysely<DB>): Promise<Params> {
  const row = await one(
    db.selectFrom('plan').select('id').where('unit_code', '=', gp).where('year', '=', 2025).executeTakeFirst(),
    '年度抽查计划',
  );
  return { id: row.id };
}

/** A person of 高平's 执法检查人员名录库. */
const gaopingInspector = gaopingRow('inspector', '执法检查人员');

/** A 回避声明 of a 高平 person (one is declared when the demo has none). */
async function gaopingRecusal(db: Kysely<DB>): Promise<Params> {
  const found = await db.selectFrom('inspector_recusal').select('id').where('unit_code', 'like', `${gp}%`).executeTakeFirst();
  if (found) return { id: found.id };
  const person = await one(
    db.selectFrom('inspector').select(['id', 'unit_code']).where('unit_code', 'like', `${gp}%`).executeTakeFirst(),
    '执法检查人员',
  );
  const row = await db
    .insertInto('inspector_recusal')
    .values({
      unit_code: person.unit_code,
      inspector_id: person.id,
      kind: 'own_grid',
      related_region_code: gp,
      reason: '本人网格',
      declared_on: '2026-01-05',
      recorded_by_name: '高平登记人',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

/** A 名录分库 of 高平 (one is defined when the demo has none). */
async function gaopingSubLibrary(db: Kysely<DB>): Promise<Params> {
  const found = await db.selectFrom('sub_library').select('id').where('unit_code', 'like', `${gp}%`).executeTakeFirst();
  if (found) return { id: found.id };
  const row = await db
    .insertInto('sub_library')
    .values({ unit_code: gp, name: '高平眼镜店', rule: JSON.stringify({ tags: { anyOf: ['眼镜制配'] } }), created_by_name: '高平登记人' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

/** An 其他检查对象 of 高平. */
const gaopingObject = gaopingRow('directory_object', '检查对象');

/** A 停止公示申请 a business made for a 高平 result (one is recorded here, as the portal would). */
async function gaopingPublicationRequest(db: Kysely<DB>): Promise<Params> {
  const result = await one(
    db.selectFrom('visit_result').select(['id', 'unit_code', 'uscc', 'entity_name']).where('unit_code', '=', gp).executeTakeFirst(),
    '检查结果',
  );
  const row = await db
    .insertInto('publication_request')
    .values({
      unit_code: result.unit_code,
      receipt_code: 'SQPROBE234',
      receipt_hash: '0'.repeat(64),
      result_id: result.id,
      uscc: result.uscc,
      entity_name: result.entity_name,
      applicant_name: '高平申请人',
      contact_phone: '13800000000',
      reason: '已整改完毕',
      status: 'rejected',
      submitted_on: '2026-01-05',
      scan_file_name: 'probe.pdf',
      scan_kind: 'pdf',
      scan_bytes: 5,
      scan_sha256: '0'.repeat(64),
      scan_content: new TextEncoder().encode('%PDF-'),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

/** A draft 随机抽查事项清单 of 高平 (the demo's lists are the province's: one is recorded here). */
async function gaopingCheckItemVersion(db: Kysely<DB>): Promise<Params> {
  const found = await db.selectFrom('check_item_version').select('id').where('issuing_unit_code', '=', gp).executeTakeFirst();
  if (found) return { id: found.id };
  const row = await db
    .insertInto('check_item_version')
    .values({ issuing_unit_code: gp, title: '本地补充事项清单', version_no: 1, created_by_name: '高平局管理员' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id };
}

const probes: Record<string, Probe> = {
  // ---- auth, users, orgs, audit
  'GET /api/orgs/:code': { existing: async () => ({ code: gp }), missing: { code: '149999' } },
  'PUT /api/users/:id/inspector': byId(gaopingUser, { inspectorId: null }),
  'POST /api/users/:id/status': byId(gaopingUser, { status: 'disabled', reason: '调离本单位' }),
  'POST /api/users/:id/password': byId(gaopingUser, { newPassword: 'Lan-Shui.2026', reason: '本人忘记密码' }),

  // ---- directories, imports, jobs, sub-libraries, directory objects, inspectors
  'GET /api/inspectors/:id': byId(gaopingInspector),
  'PATCH /api/inspectors/:id': byId(gaopingInspector, { name: '泽州改名', unitCode: '140525', category: 'enforcement' }),
  'POST /api/inspectors/:id/status': byId(gaopingInspector, { status: '调离', since: '2026-01-05' }),
  'POST /api/inspectors/:id/recusals': byId(gaopingInspector, {
    kind: 'own_grid',
    relatedRegionCode: '140525',
    reason: '本人网格',
    declaredOn: '2026-01-05',
  }),
  'POST /api/inspectors/recusals/:id/end': byId(gaopingRecusal, { endedOn: '2026-02-01', endReason: '网格调整' }),
  'GET /api/directory-objects/:id': byId(gaopingObject),
  'PATCH /api/directory-objects/:id': byId(gaopingObject, { kind: 'project', name: '泽州改名' }),
  'POST /api/directory-objects/:id/status': byId(gaopingObject, { status: 'inactive', reason: '试图停用' }),
  'GET /api/sub-libraries/:id': byId(gaopingSubLibrary),
  'GET /api/sub-libraries/:id/entities': byId(gaopingSubLibrary),
  'PATCH /api/sub-libraries/:id': byId(gaopingSubLibrary, { name: '泽州改名' }),
  'DELETE /api/sub-libraries/:id': byId(gaopingSubLibrary),
  'GET /api/sub-libraries/:id/items': byId(gaopingSubLibrary),
  'POST /api/sub-libraries/:id/items': byId(gaopingSubLibrary, { issuingUnitCode: '140500', itemCode: 'T-001' }),
  'DELETE /api/sub-libraries/:id/items': {
    ...byId(gaopingSubLibrary),
    query: { issuingUnitCode: '140500', itemCode: 'T-001' },
  },
  'GET /api/jobs/:id': byId(gaopingJob),
  'GET /api/jobs/:id/error-report': byId(gaopingJob),
  'GET /api/entities/:uscc': { existing: gaopingEntity, missing: { uscc: '91140581MA0000000X' } },
  'GET /api/entities/:uscc/inspections': { existing: gaopingEntity, missing: { uscc: '91140581MA0000000X' } },
  'PUT /api/entities/:uscc/tags': {
    existing: gaopingEntity,
    missing: { uscc: '91140581MA0000000X' },
    body: { tags: ['一址多照'], reason: '核查发现' },
  },
  'PUT /api/entities/:uscc/risk-class': {
    existing: gaopingEntity,
    missing: { uscc: '91140581MA0000000X' },
    body: { riskClass: 'D', reason: '依据信用风险推送' },
  },

  // ---- plans, filing, tasks, check items
  'GET /api/check-items/versions/:id': byId(gaopingCheckItemVersion),
  'GET /api/check-items/versions/:id/items': byId(gaopingCheckItemVersion),
  'GET /api/check-items/versions/:id/diff': byId(gaopingCheckItemVersion),
  'GET /api/check-items/versions/:id/export': byId(gaopingCheckItemVersion),
  'POST /api/check-items/versions/:id/issue': byId(gaopingCheckItemVersion, { issuedOn: '2026-01-05' }),
  'GET /api/plans/:id': byId(gaopingPlan),
  'GET /api/plans/:id/checks': byId(gaopingPlan),
  'GET /api/plans/:id/diff': byId(gaopingPlan),
  'GET /api/plans/:id/export': byId(gaopingPlan),
  'PATCH /api/plans/:id': byId(gaopingPlan, { title: '泽州改写的计划名称' }),
  'POST /api/plans/:id/tasks': byId(gaopingPlan, { cells: { name: '对企业的抽查' } }),
  'PUT /api/plans/:id/tasks/:code': {
    existing: async (db) => ({ ...(await gaopingPlan(db)), code: '140581-2025-001' }),
    missing: { id: NO_SUCH_UUID, code: '140581-2025-001' },
    body: { cells: { name: '对企业的抽查' } },
  },
  'DELETE /api/plans/:id/tasks/:code': {
    existing: async (db) => ({ ...(await gaopingPlan(db)), code: '140581-2025-001' }),
    missing: { id: NO_SUCH_UUID, code: '140581-2025-001' },
  },
  'GET /api/plans/:id/tasks/:code/sub-library-suggestions': {
    existing: async (db) => ({ ...(await gaopingPlan(db)), code: '140581-2025-001' }),
    missing: { id: NO_SUCH_UUID, code: '140581-2025-001' },
  },
  'POST /api/plans/:id/publish': byId(gaopingPlan, { reason: '调整' }),
  'POST /api/plans/:id/adjust': byId(gaopingPlan),
  'POST /api/plans/:id/discard': byId(gaopingPlan),
  'POST /api/plans/:id/file': byId(gaopingPlan),
  'DELETE /api/plans/:id': byId(gaopingPlan),

  // ---- draws
  'GET /api/tasks/:code/draw-preview': { existing: async () => ({ code: '140581-2025-001' }), missing: { code: '140581-2099-999' } },
  'POST /api/tasks/:code/draws': {
    existing: async () => ({ code: '140581-2025-001' }),
    missing: { code: '140581-2099-999' },
    body: { publicSource: { kind: 'dice', name: '2026-03-12 公开摇号现场骰子' }, reason: '补录抽取记录' },
  },
  'GET /api/tasks/:code/joint-scheme': { existing: async () => ({ code: '140581-2025-001' }), missing: { code: '140581-2099-999' } },
  'PUT /api/tasks/:code/joint-scheme': {
    existing: async () => ({ code: '140581-2025-001' }),
    missing: { code: '140581-2099-999' },
    body: { startOn: '2025-06-01', endOn: '2025-06-30', parts: [] },
  },
  'POST /api/tasks/:code/joint-scheme/agreement': {
    existing: async () => ({ code: '140581-2025-001' }),
    missing: { code: '140581-2099-999' },
    body: { version: 1 },
  },
  'GET /api/draws/:id': byId(gaopingDraw),
  'GET /api/draws/:id/bundle': byId(gaopingDraw),
  'POST /api/draws/:id/ceremony': byId(gaopingDraw, { value: '31415926535897932384', witnessName: '王见证' }),
  'POST /api/draws/:id/void': byId(gaopingDraw, { reason: '承诺公示时间不足' }),
  'POST /api/draws/:id/reserves': byId(gaopingDraw, { replacedId: '91140581MA0WE0168B', reason: '检查前已注销' }),
  'POST /api/draws/:id/match': byId(gaopingDraw, { reason: '人员变动重新匹配' }),
  'GET /api/draws/:id/match-preview': byId(gaopingDraw),
  'POST /api/draws/:id/swaps': byId(gaopingDraw, { visitId: '91140581MA0WE0168B', inspectors: ['A001', 'A002'], reason: '原检查人员病假' }),
  'POST /api/draws/:id/publish-result': byId(gaopingDraw),

  // ---- results, visits
  'GET /api/visits/:drawId/:uscc': { existing: gaopingVisit, missing: { drawId: NO_SUCH_UUID, uscc: '91140581MA0WE0168B' } },
  'PUT /api/visits/:drawId/:uscc/result': {
    existing: gaopingVisit,
    missing: { drawId: NO_SUCH_UUID, uscc: '91140581MA0WE0168B' },
    body: {
      checkedOn: '2025-06-18',
      items: [{ itemName: '特种设备使用单位监督检查', result: { categories: ['noProblem'], methods: ['onSite'] } }],
    },
  },
  'GET /api/results/:id': byId(gaopingResult),
  'POST /api/results/:id/confirm': byId(gaopingResult),
  'POST /api/results/:id/submit': byId(gaopingResult),
  'POST /api/results/:id/return': byId(gaopingResult, { reason: '请补充检查方式说明' }),
  'POST /api/results/:id/publish': byId(gaopingResult),
  'POST /api/results/:id/correct': byId(gaopingResult, { reason: '检查日期录入有误' }),
  'POST /api/results/:id/stop-requests': byId(gaopingResult, { reason: '企业已整改完毕' }),
  'POST /api/results/:id/stop-requests/decision': byId(gaopingResult, { approve: true, reason: '整改到位同意停止' }),
  'POST /api/results/:id/abnormal-listing': byId(gaopingResult, { on: '2025-07-01', decisionNumber: '高市监异〔2025〕1号' }),
  'POST /api/results/:id/attachments': {
    existing: gaopingResult,
    missing: { id: NO_SUCH_UUID },
    body: '%PDF-1.4 probe',
    headers: { 'content-type': 'application/pdf', 'x-file-name': 'probe.pdf' },
  },
  'GET /api/results/:id/attachments/:attachmentId': {
    existing: async (db) => ({ ...(await gaopingResult(db)), attachmentId: NO_SUCH_UUID }),
    missing: { id: NO_SUCH_UUID, attachmentId: NO_SUCH_UUID },
  },

  // ---- 停止公示申请 (from the portal)
  'GET /api/publication-requests/:id': { existing: gaopingPublicationRequest, missing: { id: NO_SUCH_UUID } },
  'GET /api/publication-requests/:id/scan': { existing: gaopingPublicationRequest, missing: { id: NO_SUCH_UUID } },
  'POST /api/publication-requests/:id/take-up': { existing: gaopingPublicationRequest, missing: { id: NO_SUCH_UUID } },
  'POST /api/publication-requests/:id/decision': {
    existing: gaopingPublicationRequest,
    missing: { id: NO_SUCH_UUID },
    body: { approve: true, reason: '整改到位同意停止' },
  },

  // ---- followup
  'POST /api/followups/:id/actions': byId(gaopingRow('followup_item', '问题台账'), { action: 'close' }),
};

/**
 * Routes that name a unit in their body or query rather than their path (a plan table parsed,
 * imported or saved for a unit below the caller's): 高平's code gets the answer of a code
 * naming no unit. `request(unitCode)` sends the route's request for that unit.
 */
const TABLE = '任务名称\t抽查对象\t抽查比例\n对加油站的抽查\t加油站\t5%\n';
const unitProbes: Record<string, (unitCode: string) => [method: string, path: string, body: unknown, headers?: Record<string, string>]> = {
  'POST /api/plans': (unitCode) => ['POST', '/api/plans', { year: 2030, unitCode, text: TABLE }],
  'POST /api/plans/parse': (unitCode) => ['POST', '/api/plans/parse', { year: 2030, unitCode, text: TABLE }],
  'POST /api/plans/import (dryRun)': (unitCode) => [
    'POST',
    `/api/plans/import?year=2030&dryRun=true&unitCode=${unitCode}`,
    TABLE,
    { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('计划表.tsv') },
  ],
  'POST /api/plans/import': (unitCode) => [
    'POST',
    `/api/plans/import?year=2030&unitCode=${unitCode}`,
    TABLE,
    { 'content-type': 'application/octet-stream', 'x-file-name': encodeURIComponent('计划表.tsv') },
  ],
};

const key = (r: AnyRoute) => `${r.method.toUpperCase()} ${r.path}`;
const idRoutes = (allRoutes as readonly AnyRoute[]).filter((r) => r.path.includes(':') && r.auth.kind !== 'public');

/** A role of the sibling county that passes the route's role check, so the unit check is what answers. */
function roleFor(route: AnyRoute): Role {
  if (route.auth.kind !== 'module') return 'planner';
  const module: ModuleKey = route.auth.module;
  const needed = route.auth.access;
  const fit = roles.find((r) => policy[r][module] === 'write' || (needed === 'read' && policy[r][module] === 'read'));
  if (!fit) throw new Error(`no role may ${needed} ${module}`);
  return fit;
}

const databases = await openTestDatabases();

describe.each(databases.map((d) => [d.name, d] as const))('out of reach on %s', (_name, testDb: TestDatabase) => {
  const demo = demoAppPerSuite(testDb);
  const hash = hashPassword('Zz-reach-2026');
  // One account per role in the sibling county 泽州县 (140525).
  const clients = clientPerRole(async (role) => {
    const db = testDb.database.db;
    const user = await db
      .insertInto('app_user')
      .values({ username: `zz.reach.${role}`, display_name: `泽州${role}`, home_unit_code: '140525', password_hash: await hash })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('user_role').values({ user_id: user.id, unit_code: '140525', role }).execute();
    const client = new ApiClient(demo.app(), '10.9.0.1');
    const login = await client.login(`zz.reach.${role}`, 'Zz-reach-2026');
    expect(login.status, JSON.stringify(login.body)).toBe(200);
    return client;
  });
  let names: string[] = [];

  beforeAll(async () => {
    const db = testDb.database.db;
    // Names that must never appear in an answer about a record out of reach.
    const units = await db.selectFrom('org_unit').select(['name', 'short_name']).where('path', 'like', '%140581%').execute();
    const people = await db.selectFrom('inspector').select('name').where('unit_code', 'like', `${gp}%`).execute();
    const users = await db.selectFrom('app_user').select('display_name').where('home_unit_code', 'like', `${gp}%`).execute();
    names = [...units.flatMap((u) => [u.name, u.short_name]), ...people.map((p) => p.name), ...users.map((u) => u.display_name)].filter(
      (n) => n.length >= 2,
    );
  });

  it('has a probe for every converted route whose path names a record', () => {
    const missing = idRoutes.filter((r) => r.response !== undefined && !probes[key(r)]).map(key);
    expect(missing).toEqual([]);
  });

  for (const route of idRoutes) {
    const probe = probes[key(route)];
    if (!probe) continue;
    it(`${key(route)}: the same 404 for 高平's record and for none`, async () => {
      const client = clients.get(roleFor(route))!;
      const query = probe.query ? `?${new URLSearchParams(probe.query).toString()}` : '';
      const fill = (params: Params) => route.path.replace(/:([A-Za-z0-9_]+)/g, (_, n: string) => encodeURIComponent(params[n]!)) + query;
      const send = (params: Params) =>
        client.request(
          route.method.toUpperCase(),
          fill(params),
          route.method === 'get' || route.method === 'delete' ? undefined : (probe.body ?? {}),
          probe.headers,
        );
      const existing = await send(await probe.existing(testDb.database.db));
      const missing = await send(probe.missing);
      expect(existing.status, JSON.stringify(existing.body)).toBe(404);
      expect(existing.body).toEqual(missing.body);
      const text = JSON.stringify(existing.body);
      expect(names.filter((n) => text.includes(n))).toEqual([]);
    });
  }

  for (const [name, request] of Object.entries(unitProbes)) {
    it(`${name} for 高平: the same 404 as for a unit that does not exist, nothing saved`, async () => {
      const client = clients.get('planner')!;
      const plans = async () => Number((await testDb.database.db.selectFrom('plan').select((e) => e.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const before = await plans();
      const existing = await client.request(...request(gp));
      const missing = await client.request(...request('149999'));
      expect(existing.status, JSON.stringify(existing.body)).toBe(404);
      expect(existing.body).toEqual(missing.body);
      expect(names.filter((n) => JSON.stringify(existing.body).includes(n))).toEqual([]);
      expect(await plans()).toBe(before);
    });
  }
});
