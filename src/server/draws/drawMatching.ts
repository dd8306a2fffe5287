// Inspector matching and manual swaps (docs/draw-spec.md §8). Who is sent where is written to
// the visit_inspector rows, which release — never delete — the people they replace; the draw's
// `matching` keeps the options, the swaps since the last matching, when and at what cost.
// - 匹配 staffs every visit that has nobody (all of them the first time, a reserve's visit later);
// - 重新匹配 (a reason is required) replaces the whole assignment, kept in history; it is refused
//   once any visit has a result, as are swaps on a visit with a result.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DrawMatching, InspectorSwap, MatchOptions, RecusedInspector } from '../../db/tables/draws.ts';
import {
  recusalReason,
  type MatchingInspector,
  type MatchingRecusal,
  type MatchingVisit,
  type FairSharePool,
  type UnstaffableVisit,
} from '../../core/assignment/index.ts';
import { inspectorDrawability } from '../../core/inspectors/drawability.ts';
import { matchJointInspectorsParallel } from './parallelMatching.ts';
import { loadScope, type UnitScope } from '../access/scope.ts';
import { nowOf, todayOf } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { assignVisitInspectors, currentAssignment, drawnObjects, jointTeamUnits, releaseVisitInspectors } from '../visits/visitStore.ts';
import type { ObjectKind } from '../../core/glossary.ts';
import { requireDrawn, resultsOnVisits } from './drawProgress.ts';
import { auditDraw, updateDraw } from './drawCommands.ts';
import { loadDrawFor, type DrawRow } from './policy.ts';
import { recusalActive, recusalKindLabel } from '../inspectors/recusals.ts';
import { directoryUnitsOf } from '../inspectors/directoryUnits.ts';

/** A person of the pool as the matching and the draw page know them, by public code. */
export interface PoolPerson {
  id: string;
  name: string;
  unitCode: string;
  category: 'enforcement' | 'expert';
  drawable: boolean;
}

interface Pool {
  inspectors: MatchingInspector[];
  people: Record<string, PoolPerson>;
}

/**
 * The 执法检查人员名录库 of the given units (each with the units below it), as the matching takes
 * it: drawability today, qualifications, recusals; people are counted in the pool of the unit
 * whose scope holds them. A member department below a bureau is not the bureau's: it is a pool of its own.
 */
async function inspectorPool(trx: Transaction<DB>, poolUnits: readonly string[], today: string): Promise<Pool> {
  const scopes = new Map<string, UnitScope>();
  for (const unit of new Set(poolUnits)) {
    const scope = await loadScope(trx, unit);
    scopes.set(unit, { ...scope, unitCodes: await directoryUnitsOf(trx, scope) });
  }
  const unitCodes = [...new Set([...scopes.values()].flatMap((s) => s.unitCodes))];
  if (unitCodes.length === 0) return { inspectors: [], people: {} };
  const rows = await trx
    .selectFrom('inspector')
    .select([
      'id',
      'unit_code',
      'name',
      'category',
      'cert_no',
      'cert_expires_on',
      'qualifications',
      'specialties',
      'status',
      'status_since',
    ])
    .where('unit_code', 'in', unitCodes)
    .execute();
  // Every kind of 回避 the directory records (a business, 原工作单位, 亲属经营, 本人网格/辖区), in
  // force on the matching day: declared, not ended, not past its valid-until date.
  const declared =
    rows.length > 0
      ? await trx
          .selectFrom('inspector_recusal as r')
          .leftJoin('org_unit as u', 'u.code', 'r.related_unit_code')
          .select([
            'r.inspector_id',
            'r.kind',
            'r.uscc',
            'r.related_name',
            'r.related_region_code',
            'r.related_unit_code',
            'u.name as related_unit_name',
            'r.reason',
            'r.declared_on',
            'r.valid_until',
            'r.ended_on',
          ])
          .where(
            'r.inspector_id',
            'in',
            rows.map((r) => r.id),
          )
          .execute()
      : [];
  const recusalsOf = new Map<string, MatchingRecusal[]>();
  for (const d of declared) {
    if (!recusalActive(d, today)) continue;
    const region = d.related_region_code?.trim() || null;
    const what =
      d.kind === 'own_grid'
        ? [region ? `区划 ${region}` : null, d.related_unit_code ? (d.related_unit_name ?? d.related_unit_code) : null]
            .filter(Boolean)
            .join('、')
        : (d.related_name ?? d.uscc);
    const until = d.valid_until ? `，有效期至 ${d.valid_until}` : '';
    const list = recusalsOf.get(d.inspector_id) ?? [];
    list.push({
      objectId: d.kind === 'own_grid' ? null : d.uscc?.trim(),
      regionCode: d.kind === 'own_grid' ? region : null,
      unitCode: d.kind === 'own_grid' ? d.related_unit_code : null,
      reason: `回避（${recusalKindLabel[d.kind]}：${what}；${d.reason}${until}）`,
    });
    recusalsOf.set(d.inspector_id, list);
  }
  const poolOf = (unitCode: string) => [...scopes.entries()].find(([, s]) => s.unitCodes.includes(unitCode))?.[0] ?? unitCode;
  const inspectors: MatchingInspector[] = [];
  const people: Record<string, PoolPerson> = {};
  for (const r of rows) {
    // The public code (docs/draw-spec.md §1: never a database key): the 执法证号, or ZJ- and the
    // record's first 8 characters for an expert without one.
    const code = r.cert_no && r.cert_no.trim() !== '' ? r.cert_no.trim() : `ZJ-${r.id.slice(0, 8)}`;
    const drawable = inspectorDrawability(
      { status: r.status, statusSince: r.status_since, category: r.category, certNo: r.cert_no, certExpiresOn: r.cert_expires_on },
      today,
    ).drawable;
    inspectors.push({
      code,
      unit: poolOf(r.unit_code),
      category: r.category,
      drawable,
      // 执法资质 and 业务专长 both count towards an item's 检查人员要求.
      qualifications: [...new Set([...r.qualifications, ...r.specialties])],
      recusals: recusalsOf.get(r.id) ?? [],
    });
    people[code] = { id: r.id, name: r.name, unitCode: r.unit_code, category: r.category, drawable };
  }
  return { inspectors, people };
}

/** 检查人员要求 of the items (随机抽查事项清单), by item name as the plan writes it. */
async function itemQualificationsOf(trx: Transaction<DB>, itemNames: readonly string[]) {
  const rows =
    itemNames.length > 0
      ? await trx
          .selectFrom('check_item')
          .select(['name', 'staff_requirements'])
          .where('name', 'in', [...new Set(itemNames)])
          .execute()
      : [];
  const out: Record<string, string[]> = {};
  for (const row of rows) {
    if (row.staff_requirements.length === 0) continue;
    out[row.name] = [...new Set([...(out[row.name] ?? []), ...row.staff_requirements])];
  }
  return out;
}

async function visitRows(trx: Transaction<DB>, draw: DrawRow) {
  return trx
    .selectFrom('visit as v')
    .innerJoin('org_unit as u', 'u.code', 'v.inspecting_unit_code')
    .select([
      'v.object_id',
      'v.object_name',
      'v.object_kind',
      'v.items',
      'v.inspecting_unit_code',
      'u.name as inspecting_unit_name',
      'v.replaced_by',
    ])
    .where('v.draw_unit_code', '=', draw.unit_code)
    .where('v.draw_id', '=', draw.id)
    .orderBy('v.object_id')
    .forUpdate('v')
    .execute();
}

/**
 * Where each visited object is, for 本人网格/辖区 recusals: its 行政区划 and its 管辖单位 with the
 * units above it, from the 检查对象名录库 — a market entity by its 统一社会信用代码, another object
 * by its kind and code among the objects kept within the drawing unit's scope (the units its
 * frame read: the same code kept by a unit elsewhere is another object).
 */
async function objectPlaces(
  trx: Transaction<DB>,
  drawUnit: string,
  visits: readonly { object_id: string; object_kind: ObjectKind | null }[],
) {
  const places = new Map<string, { regionCode: string; unitPath: string[] }>();
  const entityIds = [...new Set(visits.filter((v) => v.object_kind === null).map((v) => v.object_id))];
  const objectKinds = new Map(visits.filter((v) => v.object_kind !== null).map((v) => [v.object_id, v.object_kind] as const));
  const entities =
    entityIds.length === 0
      ? []
      : await trx
          .selectFrom('market_entity as e')
          .innerJoin('org_unit as u', 'u.code', 'e.unit_code')
          .select(['e.uscc as id', 'e.region_code', 'u.path'])
          .where('e.uscc', 'in', entityIds)
          .execute();
  const objects = (await drawnObjects(trx, drawUnit, [...objectKinds.keys()])).filter((o) => objectKinds.get(o.id) === o.object_kind);
  for (const r of [...objects, ...entities]) places.set(r.id.trim(), { regionCode: r.region_code.trim(), unitPath: r.path.split('.') });
  return places;
}

/** Why a person may not inspect a visit (回避), or null. */
function recusedFrom(person: MatchingInspector | undefined, visit: MatchingVisit): string | null {
  return person ? recusalReason(person.recusals, visit) : null;
}

function unstaffableMessage(infeasible: UnstaffableVisit[], names: Map<string, string>) {
  return `有 ${infeasible.length} 户无法配齐检查人员：${infeasible
    .slice(0, 5)
    .map((u) => `${names.get(u.visitId) ?? u.visitId}：${u.reason}`)
    .join('；')}${infeasible.length > 5 ? ' 等' : ''}。`;
}

type VisitRow = Awaited<ReturnType<typeof visitRows>>[number];

/**
 * The matching of docs/draw-spec.md §8 for the given visits, written nowhere: the pool of their
 * inspecting units (and the cross-region units), their items' qualifications and where their
 * objects are. People already sent elsewhere in the draw (`current`) count against a set cap.
 * Without a cap (`capPerInspector` undefined) each pool gets its fair share.
 */
async function matchVisits(
  trx: Transaction<DB>,
  draw: DrawRow,
  target: readonly VisitRow[],
  current: readonly { inspectors: string[] }[],
  options: { capPerInspector?: number | null | undefined; crossRegionUnits: string[] | null },
  today: string,
) {
  const departments = await jointDepartmentsOf(trx, draw);
  const pool = await inspectorPool(
    trx,
    [...target.map((v) => v.inspecting_unit_code), ...(options.crossRegionUnits ?? []), ...departments.map((d) => d.code)],
    today,
  );
  const cap = options.capPerInspector;
  const load = new Map<string, number>();
  for (const code of current.flatMap((a) => a.inspectors)) load.set(code, (load.get(code) ?? 0) + 1);
  const inspectors =
    typeof cap !== 'number' || load.size === 0
      ? pool.inspectors
      : pool.inspectors.map((p) => ({ ...p, cap: Math.max(0, cap - (load.get(p.code) ?? 0)) }));
  const places = await objectPlaces(trx, draw.unit_code, target);
  const matchingVisits: MatchingVisit[] = target.map((v) => ({
    id: v.object_id,
    items: v.items,
    inspectingUnit: v.inspecting_unit_code,
    inspectingUnitName: v.inspecting_unit_name,
    regionCode: places.get(v.object_id)?.regionCode ?? null,
    unitPath: places.get(v.object_id)?.unitPath ?? null,
  }));
  const matched = await matchJointInspectorsParallel({
    departments,
    hash: draw.params.hash,
    seed: draw.seed!,
    visits: matchingVisits,
    inspectors,
    itemQualifications: await itemQualificationsOf(
      trx,
      target.flatMap((v) => v.items),
    ),
    capPerInspector: cap ?? null,
    fairShare: cap === undefined,
    crossRegion: options.crossRegionUnits ? { units: options.crossRegionUnits } : null,
  });
  return { pool, matched, departments };
}

/**
 * The parties of a joint task that send a team to every visit besides the drawing (inspecting)
 * unit (docs/draw-spec.md §11 "§8 Joint tasks"), each from its own 执法检查人员名录库: the member
 * departments the task names, and the plan's unit when a member department initiates (发起部门)
 * and draws it. None for any other task.
 */
export async function jointDepartmentsOf(
  db: Kysely<DB> | Transaction<DB>,
  draw: Pick<DrawRow, 'unit_code' | 'plan_unit_code' | 'plan_id' | 'plan_version' | 'task_code'>,
) {
  const task = await db
    .selectFrom('plan_task as t')
    .innerJoin('plan as p', (join) => join.onRef('p.unit_code', '=', 't.unit_code').onRef('p.id', '=', 't.plan_id'))
    .select(['t.participant_unit_codes', 't.initiating_unit_code', 'p.kind'])
    .where('t.unit_code', '=', draw.plan_unit_code)
    .where('t.plan_id', '=', draw.plan_id)
    .where('t.version_no', '=', draw.plan_version)
    .where('t.task_code', '=', draw.task_code)
    .executeTakeFirst();
  if (!task || task.kind !== 'joint' || task.participant_unit_codes.length === 0) return [];
  const parties = task.initiating_unit_code === null ? [] : [draw.plan_unit_code];
  const units = await db
    .selectFrom('org_unit')
    .select(['code', 'name'])
    .where((eb) =>
      eb.or([
        eb.and([eb('code', 'in', task.participant_unit_codes), eb('kind', '=', 'department')]),
        ...(parties.length > 0 ? [eb('code', 'in', parties)] : []),
      ]),
    )
    .where('code', '<>', draw.unit_code)
    .orderBy('code')
    .execute();
  return units.map((u) => ({ code: u.code, name: u.name }));
}

/** The fair share per pool, with the unit's name ('*' is the cross-region pool). */
async function namedFairShare(trx: Transaction<DB>, pools: readonly FairSharePool[] | undefined) {
  if (!pools || pools.length === 0) return [];
  const codes = pools.map((p) => p.pool).filter((c) => c !== '*');
  const names = new Map(
    codes.length > 0
      ? (await trx.selectFrom('org_unit').select(['code', 'name']).where('code', 'in', codes).execute()).map((u) => [u.code, u.name])
      : [],
  );
  return pools.map((p) => ({ ...p, poolName: p.pool === '*' ? '交叉互查人员库' : (names.get(p.pool) ?? p.pool) }));
}

export interface MatchInput {
  id: string;
  /** A cap for everyone; null: no cap; left out: each pool's fair share (the default). */
  capPerInspector?: number | null | undefined;
  crossRegionUnits: string[] | null;
  /** Required to replace an existing assignment (重新匹配); the old one is kept with it. */
  reason?: string | undefined;
}

/** Inspector matching (docs/draw-spec.md §8); visits that cannot be staffed are named with why. */
export async function matchDrawInspectors(db: Kysely<DB>, caller: Caller, input: MatchInput) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    requireDrawn(draw);
    const visits = (await visitRows(trx, draw)).filter((v) => v.replaced_by === null);
    const current = await currentAssignment(trx, { unitCode: draw.unit_code, id: draw.id });
    const staffed = new Set(current.map((a) => a.id));
    const reason = (input.reason ?? '').trim();
    const rematch = reason !== '' && current.length > 0;
    if (rematch) {
      const results = await resultsOnVisits(trx, draw);
      if (results.length > 0) {
        throw new AppError(
          'INVALID_STATE',
          `抽取记录 ${draw.draw_code} 已有 ${new Set(results.map((r) => r.uscc)).size} 户录入了检查结果，不能重新匹配检查人员：检查结果中的确认人是按现有安排派出的人员。个别尚无检查结果的检查户确需换人的，可单独调整该户的检查人员（须写明原因）。`,
          { results: results.length },
        );
      }
    }
    const target = rematch ? visits : visits.filter((v) => !staffed.has(v.object_id));
    if (target.length === 0) {
      throw new AppError(
        'INVALID_STATE',
        `抽取记录 ${draw.draw_code} 的检查户都已安排检查人员。如需重新匹配，请写明原因（原来的安排会保留在记录中）。`,
      );
    }
    const { pool, matched, departments } = await matchVisits(trx, draw, target, rematch ? [] : current, input, todayOf(caller));
    if ('infeasible' in matched) {
      const names = new Map(target.map((v) => [v.object_id, v.object_name ?? v.object_id]));
      throw new AppError('UNPROCESSABLE', unstaffableMessage(matched.infeasible, names), {
        unstaffable: matched.infeasible.map((u) => ({ ...u, name: names.get(u.visitId) ?? null })),
      });
    }
    const recused: RecusedInspector[] = matched.recused.map((r) => ({
      visitId: r.visitId,
      code: r.inspector,
      name: pool.people[r.inspector]?.name ?? r.inspector,
      reason: r.reason,
    }));
    const at = nowOf(caller);
    if (rematch) {
      await releaseVisitInspectors(trx, { unitCode: draw.unit_code, id: draw.id }, [...staffed], at, `重新匹配：${reason}`);
    }
    await assignVisitInspectors(
      trx,
      { unitCode: draw.unit_code, id: draw.id },
      matched.assignments.map((a) => ({
        objectId: a.id,
        people: a.inspectors.map((code) => {
          const p = pool.people[code]!;
          return { inspectorId: p.id, unitCode: p.unitCode, code, name: p.name, category: p.category };
        }),
      })),
      at,
      rematch ? `重新匹配：${reason}` : '匹配检查人员',
    );
    const previous = draw.matching;
    const options: MatchOptions = {
      capPerInspector: input.capPerInspector ?? null,
      crossRegionUnits: input.crossRegionUnits,
      fairShare: input.capPerInspector === undefined,
      ...(departments.length > 0 ? { jointDepartments: departments.map((d) => d.code) } : {}),
    };
    const fairShare = await namedFairShare(trx, matched.fairShare);
    const staffedNow = new Set(matched.assignments.map((a) => a.id));
    const matching: DrawMatching =
      previous && !rematch
        ? {
            ...previous,
            options,
            matchedAt: at.toISOString(),
            totalCost: (BigInt(previous.totalCost) + matched.totalCost).toString(),
            recused: [...(previous.recused ?? []).filter((r) => !staffedNow.has(r.visitId)), ...recused],
            fairShare,
          }
        : {
            options,
            swaps: [],
            matchedAt: at.toISOString(),
            totalCost: matched.totalCost.toString(),
            recused,
            fairShare,
          };
    await updateDraw(trx, draw, { matching: JSON.stringify(matching) });
    await auditDraw(trx, caller, draw, 'draw.match', {
      after: { visits: matched.assignments.length, rematch, options: matching.options },
      ...(rematch ? { note: reason } : {}),
    });
    return { assignment: matched.assignments, inspectors: pool.people, recused, fairShare };
  });
}

/**
 * What a matching would do before it is run (nothing is written): the visits it would staff (those
 * without people; all of them when every visit has people, as a re-match would), each pool's fair
 * share with the people eligible for its visits, and how many visits it could not staff.
 */
export async function previewMatching(db: Kysely<DB>, caller: Caller, input: { id: string; crossRegionUnits: string[] | null }) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    requireDrawn(draw);
    const visits = (await visitRows(trx, draw)).filter((v) => v.replaced_by === null);
    const staffed = new Set((await currentAssignment(trx, { unitCode: draw.unit_code, id: draw.id })).map((a) => a.id));
    const unstaffed = visits.filter((v) => !staffed.has(v.object_id));
    const rematch = unstaffed.length === 0;
    const target = rematch ? visits : unstaffed;
    if (target.length === 0) return { visits: 0, rematch, pools: [], unstaffable: 0 };
    const { matched } = await matchVisits(trx, draw, target, [], { crossRegionUnits: input.crossRegionUnits }, todayOf(caller));
    return {
      visits: target.length,
      rematch,
      pools: await namedFairShare(trx, matched.fairShare),
      unstaffable: 'infeasible' in matched ? matched.infeasible.length : 0,
    };
  });
}

/**
 * A manual change of one visit's inspectors (e.g. illness): needs a reason, keeps the rules of
 * docs/draw-spec.md §8 (≥2 people, one with a valid 执法证, 回避), is refused once the visit has
 * a result, and is logged and carried in the bundle as `assignment_changes`.
 */
export async function swapInspectors(
  db: Kysely<DB>,
  caller: Caller,
  input: { id: string; visitId: string; inspectors: string[]; reason: string },
) {
  return db.transaction().execute(async (trx) => {
    const draw = await loadDrawFor(trx, caller, input.id, 'act');
    requireDrawn(draw);
    const visit = (await visitRows(trx, draw)).find((v) => v.object_id === input.visitId);
    if (!visit) throw new AppError('NOT_FOUND', `${input.visitId} 不是抽取记录 ${draw.draw_code} 的检查户。`, { visitId: input.visitId });
    const name = visit.object_name ?? visit.object_id;
    if (visit.replaced_by !== null) {
      throw new AppError('INVALID_STATE', `${name} 已由备选 ${visit.replaced_by} 替补，不再检查，无需安排人员。`);
    }
    const results = await resultsOnVisits(trx, draw, [visit.object_id]);
    if (results.length > 0) {
      throw new AppError('INVALID_STATE', `${name} 已录入检查结果，不能再调整检查人员：检查结果中的确认人是按现有安排派出的人员。`);
    }
    const before =
      (await currentAssignment(trx, { unitCode: draw.unit_code, id: draw.id })).find((a) => a.id === visit.object_id)?.inspectors ?? [];
    if (!draw.matching || before.length === 0) throw new AppError('INVALID_STATE', `请先为 ${name} 匹配检查人员，再调整人员。`);
    const departments = await jointDepartmentsOf(trx, draw);
    const pool = await inspectorPool(
      trx,
      [visit.inspecting_unit_code, ...(draw.matching.options.crossRegionUnits ?? []), ...departments.map((d) => d.code)],
      todayOf(caller),
    );
    const chosen = [...new Set(input.inspectors)].sort();
    const unknown = chosen.filter((code) => !pool.people[code]);
    if (unknown.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `检查人员 ${unknown.join('、')} 不在 ${[visit.inspecting_unit_name, ...departments.map((d) => d.name)].join('、')} 的执法检查人员名录库中。`,
        { unknown },
      );
    if (chosen.length < 2) throw new AppError('VALIDATION_FAILED', '每户至少安排 2 名检查人员。');
    const people = chosen.map((code) => ({ code, ...pool.people[code]! }));
    const notDrawable = people.filter((p) => !p.drawable);
    if (notDrawable.length > 0)
      throw new AppError(
        'VALIDATION_FAILED',
        `${notDrawable.map((p) => p.name).join('、')} 当前不可抽取（调离、退休或执法证无效），不能安排。`,
      );
    if (!people.some((p) => p.category === 'enforcement'))
      throw new AppError('VALIDATION_FAILED', '每户至少要有 1 名持有效执法证的执法人员；专业技术人员只能作为补充。');
    // A joint task keeps one team per department (docs/draw-spec.md §11): each still ≥ 2 people with an enforcement officer.
    const teams = await jointTeamUnits(
      trx,
      departments.map((d) => d.code),
      people.map((p) => p.unitCode),
    );
    const teamOf = (p: { unitCode: string }) => teams.get(p.unitCode) ?? visit.inspecting_unit_code;
    for (const team of departments.length > 0
      ? [{ code: visit.inspecting_unit_code, name: visit.inspecting_unit_name }, ...departments]
      : []) {
      const members = people.filter((p) => teamOf(p) === team.code);
      if (members.length < 2 || !members.some((p) => p.category === 'enforcement'))
        throw new AppError(
          'VALIDATION_FAILED',
          `联合抽查每户须由各部门分别派出检查人员：${team.name}须至少安排 2 名本部门人员，其中至少 1 名持有效执法证的执法人员。`,
        );
    }
    const place = (await objectPlaces(trx, draw.unit_code, [visit])).get(visit.object_id);
    const asMatched: MatchingVisit = {
      id: visit.object_id,
      items: visit.items,
      inspectingUnit: visit.inspecting_unit_code,
      regionCode: place?.regionCode ?? null,
      unitPath: place?.unitPath ?? null,
    };
    const recused = people.flatMap((p) => {
      const why = recusedFrom(
        pool.inspectors.find((i) => i.code === p.code),
        asMatched,
      );
      return why ? [`${p.name}${why}`] : [];
    });
    if (recused.length > 0) throw new AppError('VALIDATION_FAILED', `${recused.join('、')}，不能安排到 ${name}。`);
    const at = nowOf(caller);
    const swap: InspectorSwap = {
      visitId: visit.object_id,
      before,
      after: chosen,
      reason: input.reason,
      by: caller.displayName,
      at: at.toISOString(),
    };
    const matching: DrawMatching = { ...draw.matching, swaps: [...draw.matching.swaps, swap] };
    await updateDraw(trx, draw, { matching: JSON.stringify(matching) });
    await assignVisitInspectors(
      trx,
      { unitCode: draw.unit_code, id: draw.id },
      [
        {
          objectId: visit.object_id,
          people: people.map((p) => ({ inspectorId: p.id, unitCode: p.unitCode, code: p.code, name: p.name, category: p.category })),
        },
      ],
      at,
      `人工调整：${input.reason}`,
    );
    await auditDraw(trx, caller, draw, 'draw.swap', {
      before: { visitId: visit.object_id, inspectors: before },
      after: { inspectors: chosen },
      note: input.reason,
    });
    return { visitId: visit.object_id, inspectors: chosen };
  });
}
