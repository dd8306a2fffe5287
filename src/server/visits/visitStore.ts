// 检查户 rows (the visit and visit_inspector tables): written by the draw's commands — the
// ceremony and reserves create visits, matching and swaps assign people — and read by result
// entry, deadlines, the ledger and the indicators. The draw's `result` JSON stays the verified
// record of the ceremony; these rows are what the rest of the platform works from.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { compareUtf8, type AssignmentRecord, type ReserveEntry, type SampleEntry, type Visit } from '../../core/draw/index.ts';

type Db = Kysely<DB> | Transaction<DB>;

export interface DrawOfVisits {
  unitCode: string;
  id: string;
  taskCode: string;
  /** 合并抽取: every task of the draw, each a group of it by its code; null for a draw of one task. */
  mergedTasks: string[] | null;
  year: number;
  planUnitCode: string;
  planId: string;
  planVersion: number;
}

export interface DrawnObjects {
  sample: readonly SampleEntry[];
  reserves: readonly ReserveEntry[];
  visits: readonly Visit[];
}

/**
 * The 其他检查对象 among the ids, kept by the drawing unit or a unit below it (the units a draw's
 * frame reads): its name, kind, 行政区划 and owning unit (with its path). An id that is a market
 * entity is not among them; the same code kept by a unit outside the drawing unit's scope is not
 * either.
 */
export async function drawnObjects(db: Db, drawUnit: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const top = await db.selectFrom('org_unit').select('path').where('code', '=', drawUnit).executeTakeFirst();
  if (!top) return [];
  return db
    .selectFrom('directory_object as o')
    .innerJoin('org_unit as u', 'u.code', 'o.unit_code')
    .select(['o.object_code as id', 'o.name', 'o.object_kind', 'o.region_code', 'u.code', 'u.kind', 'u.parent_code', 'u.path'])
    .where('o.object_code', 'in', [...ids])
    .where((eb) => eb.or([eb('u.path', '=', top.path), eb('u.path', 'like', `${top.path}.%`)]))
    .execute();
}

/**
 * The unit whose people inspect each object: the drawing unit, or — when the task is drawn at one
 * level and inspected at the level below (市抽县查) — the county the business is registered in, or
 * the county of the unit that keeps a 其他检查对象.
 */
export async function inspectingUnitsOf(db: Db, drawUnit: string, drawLevelIsInspectLevel: boolean, ids: readonly string[]) {
  const units = new Map<string, string>();
  for (const id of ids) units.set(id, drawUnit);
  if (drawLevelIsInspectLevel || ids.length === 0) return units;
  const rows = await db
    .selectFrom('market_entity as e')
    .innerJoin('org_unit as u', 'u.code', 'e.unit_code')
    .select(['e.uscc as id', 'u.code', 'u.kind', 'u.parent_code'])
    .where('e.uscc', 'in', [...ids])
    .execute();
  for (const r of [...(await drawnObjects(db, drawUnit, ids)), ...rows]) {
    units.set(r.id.trim(), r.kind === 'county' ? r.code : (r.parent_code ?? r.code));
  }
  return units;
}

/**
 * Makes the visit rows match the draw's drawn objects: a row for every visit not yet recorded
 * (the ceremony's, then each reserve put into use), and the reserve uses marked on both sides.
 */
export async function recordVisits(
  trx: Transaction<DB>,
  draw: DrawOfVisits,
  drawn: DrawnObjects,
  drawLevelIsInspectLevel: boolean,
  at: Date = new Date(),
) {
  const existing = new Set(
    (
      await trx.selectFrom('visit').select('object_id').where('draw_unit_code', '=', draw.unitCode).where('draw_id', '=', draw.id).execute()
    ).map((r) => r.object_id),
  );
  const fresh = drawn.visits.filter((v) => !existing.has(v.id));
  if (fresh.length > 0) {
    const ids = fresh.map((v) => v.id);
    const units = await inspectingUnitsOf(trx, draw.unitCode, drawLevelIsInspectLevel, ids);
    const objects = new Map((await drawnObjects(trx, draw.unitCode, ids)).map((o) => [o.id, o] as const));
    const names = new Map<string, string>([...objects].map(([id, o]) => [id, o.name]));
    for (const r of await trx.selectFrom('market_entity').select(['uscc', 'name']).where('uscc', 'in', ids).execute())
      names.set(r.uscc, r.name);
    const periods = new Map(
      (
        await trx
          .selectFrom('plan_task')
          .select(['task_code', 'period_start', 'period_end'])
          .where('unit_code', '=', draw.planUnitCode)
          .where('plan_id', '=', draw.planId)
          .where('version_no', '=', draw.planVersion)
          .where('task_code', 'in', draw.mergedTasks ?? [draw.taskCode])
          .execute()
      ).map((t) => [t.task_code, t]),
    );
    const groupsOf = new Map<string, Set<string>>();
    for (const e of [...drawn.sample, ...drawn.reserves.filter((r) => r.used)]) {
      let groups = groupsOf.get(e.id);
      if (!groups) groupsOf.set(e.id, (groups = new Set()));
      groups.add(e.group);
    }
    // A merged draw's groups are its tasks: the visit belongs to the first task that drew it, and
    // its window is the days common to the windows of the tasks that drew it.
    const visitTask = (groups: readonly string[]) => {
      const tasks = draw.mergedTasks ? groups : [draw.taskCode];
      const windows = tasks.map((t) => periods.get(t)).filter((p) => p !== undefined);
      const starts = windows.map((p) => p.period_start).filter((d) => d !== null);
      const ends = windows.map((p) => p.period_end).filter((d) => d !== null);
      return {
        task_code: tasks[0] ?? draw.taskCode,
        period_start: starts.length > 0 ? starts.sort().at(-1)! : null,
        period_end: ends.length > 0 ? ends.sort()[0]! : null,
      };
    };
    for (let i = 0; i < fresh.length; i += 1000) {
      await trx
        .insertInto('visit')
        .values(
          fresh.slice(i, i + 1000).map((v) => {
            const groups = [...(groupsOf.get(v.id) ?? [])].sort(compareUtf8);
            return {
              draw_unit_code: draw.unitCode,
              draw_id: draw.id,
              object_id: v.id,
              ...visitTask(groups),
              year: draw.year,
              groups,
              items: v.items,
              object_name: names.get(v.id) ?? null,
              object_kind: objects.get(v.id)?.object_kind ?? null,
              inspecting_unit_code: units.get(v.id) ?? draw.unitCode,
              created_at: at,
            };
          }),
        )
        .execute();
    }
  }
  const uses = await trx
    .selectFrom('draw_reserve_use')
    .select(['replaced_id', 'reserve_id', 'reason'])
    .where('unit_code', '=', draw.unitCode)
    .where('draw_id', '=', draw.id)
    .execute();
  for (const use of uses) {
    await trx
      .updateTable('visit')
      .set({ replaced_by: use.reserve_id, replaced_reason: use.reason })
      .where('draw_unit_code', '=', draw.unitCode)
      .where('draw_id', '=', draw.id)
      .where('object_id', '=', use.replaced_id)
      .execute();
    await trx
      .updateTable('visit')
      .set({ reserve_for: use.replaced_id })
      .where('draw_unit_code', '=', draw.unitCode)
      .where('draw_id', '=', draw.id)
      .where('object_id', '=', use.reserve_id)
      .execute();
  }
}

export interface AssignedPerson {
  inspectorId: string;
  unitCode: string;
  code: string;
  name: string;
  category: 'enforcement' | 'expert';
}

/**
 * Sends people to visits: the current people of each named visit are released (kept, with the
 * reason) and the new ones assigned, at one moment.
 */
export async function assignVisitInspectors(
  trx: Transaction<DB>,
  draw: { unitCode: string; id: string },
  assignments: readonly { objectId: string; people: readonly AssignedPerson[] }[],
  at: Date,
  releaseReason: string,
) {
  const objectIds = assignments.map((a) => a.objectId);
  if (objectIds.length === 0) return;
  await releaseVisitInspectors(trx, draw, objectIds, at, releaseReason);
  const rows = assignments.flatMap((a) =>
    a.people.map((p) => ({
      draw_unit_code: draw.unitCode,
      draw_id: draw.id,
      object_id: a.objectId,
      inspector_id: p.inspectorId,
      inspector_unit_code: p.unitCode,
      code: p.code,
      name: p.name,
      category: p.category,
      assigned_at: at,
    })),
  );
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('visit_inspector')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** Releases everyone sent to the draw's visits (the assignment must be made again). */
export async function releaseDrawInspectors(trx: Transaction<DB>, draw: { unitCode: string; id: string }, at: Date, reason: string) {
  await trx
    .updateTable('visit_inspector')
    .set({ released_at: at, release_reason: reason })
    .where('draw_unit_code', '=', draw.unitCode)
    .where('draw_id', '=', draw.id)
    .where('released_at', 'is', null)
    .execute();
}

/** Releases the people sent to some of the draw's visits (kept, with the reason). */
export async function releaseVisitInspectors(
  trx: Transaction<DB>,
  draw: { unitCode: string; id: string },
  objectIds: readonly string[],
  at: Date,
  reason: string,
) {
  for (let i = 0; i < objectIds.length; i += 1000) {
    await trx
      .updateTable('visit_inspector')
      .set({ released_at: at, release_reason: reason })
      .where('draw_unit_code', '=', draw.unitCode)
      .where('draw_id', '=', draw.id)
      .where('object_id', 'in', objectIds.slice(i, i + 1000))
      .where('released_at', 'is', null)
      .execute();
  }
}

/**
 * The bundle's `assignment` (docs/draw-spec.md §8, §10) from the current rows: one entry per
 * visit that has people, visits by id bytes, each visit's codes by bytes.
 */
export async function currentAssignment(db: Db, draw: { unitCode: string; id: string }): Promise<AssignmentRecord[]> {
  const rows = await db
    .selectFrom('visit_inspector')
    .select(['object_id', 'code'])
    .where('draw_unit_code', '=', draw.unitCode)
    .where('draw_id', '=', draw.id)
    .where('released_at', 'is', null)
    .execute();
  const byVisit = new Map<string, string[]>();
  for (const r of rows) {
    const codes = byVisit.get(r.object_id) ?? [];
    codes.push(r.code);
    byVisit.set(r.object_id, codes);
  }
  return [...byVisit].sort(([a], [b]) => compareUtf8(a, b)).map(([id, codes]) => ({ id, inspectors: codes.sort(compareUtf8) }));
}

/**
 * Whose team a person of a joint visit is in, by the person's unit: a listed party (member
 * department, or the plan's bureau when a department initiates) for its own people and for the
 * offices and stations below it; absent — the inspecting unit's team (a member department below
 * a listed bureau is its own, never the bureau's).
 */
export async function jointTeamUnits(db: Db, parties: readonly string[], units: readonly string[]): Promise<Map<string, string>> {
  const teams = new Map<string, string>();
  if (parties.length === 0 || units.length === 0) return teams;
  const rows = await db
    .selectFrom('org_unit')
    .select(['code', 'path', 'kind'])
    .where('code', 'in', [...new Set(units)])
    .execute();
  for (const r of rows) {
    const party = parties.includes(r.code)
      ? r.code
      : r.kind === 'department'
        ? undefined
        : parties.find((p) => r.path.split('.').includes(p));
    if (party !== undefined) teams.set(r.code, party);
  }
  return teams;
}

/**
 * A joint task's teams (docs/draw-spec.md §11 "§8 Joint tasks"): the people sent now, per visit
 * and per party (jointTeamUnits), anyone else in the team of the visit's inspecting unit. Visits
 * by id bytes, then units by bytes, codes by bytes.
 */
export async function currentTeams(db: Db, draw: { unitCode: string; id: string }, departments: readonly string[]) {
  const rows = await db
    .selectFrom('visit_inspector as p')
    .innerJoin('visit as v', (join) =>
      join.onRef('v.draw_unit_code', '=', 'p.draw_unit_code').onRef('v.draw_id', '=', 'p.draw_id').onRef('v.object_id', '=', 'p.object_id'),
    )
    .select(['p.object_id', 'p.code', 'p.inspector_unit_code', 'v.inspecting_unit_code'])
    .where('p.draw_unit_code', '=', draw.unitCode)
    .where('p.draw_id', '=', draw.id)
    .where('p.released_at', 'is', null)
    .execute();
  const partyOf = await jointTeamUnits(
    db,
    departments,
    rows.map((r) => r.inspector_unit_code),
  );
  const teams = new Map<string, { visit: string; unit: string; inspectors: string[] }>();
  for (const r of rows) {
    const unit = partyOf.get(r.inspector_unit_code) ?? r.inspecting_unit_code;
    const key = `${r.object_id}\t${unit}`;
    const team = teams.get(key) ?? { visit: r.object_id, unit, inspectors: [] };
    team.inspectors.push(r.code);
    teams.set(key, team);
  }
  return [...teams.values()]
    .map((t) => ({ ...t, inspectors: t.inspectors.sort(compareUtf8) }))
    .sort((a, b) => compareUtf8(a.visit, b.visit) || compareUtf8(a.unit, b.unit));
}

/** The people sent to one visit now, by code. */
export async function peopleSentTo(db: Db, draw: { unitCode: string; id: string }, objectId: string) {
  return db
    .selectFrom('visit_inspector')
    .select(['code', 'inspector_id', 'name', 'category'])
    .where('draw_unit_code', '=', draw.unitCode)
    .where('draw_id', '=', draw.id)
    .where('object_id', '=', objectId)
    .where('released_at', 'is', null)
    .orderBy('code')
    .execute();
}
