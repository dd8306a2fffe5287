// Draws as the console, the portal and the bundle files show them. The commit is public from the
// moment it is made (docs/draw-spec.md §9); the sample, the people and the bundle only once the
// drawing unit has published the result.
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import {
  DRAW_SPEC,
  allocateByRiskClass,
  compareUtf8,
  toPublicBundle,
  type AllocationRecord,
  type AuditorGroup,
  type DrawBundle,
} from '../../core/draw/index.ts';
import { AppError } from '../http/errors.ts';
import type { Caller } from '../http/route.ts';
import { objectKindText } from '../../core/glossary.ts';
import { directoryUnitsOf } from '../inspectors/directoryUnits.ts';
import { currentAssignment, currentTeams, drawnObjects, jointTeamUnits } from '../visits/visitStore.ts';
import { publicationReadiness } from './drawProgress.ts';
import { storedFramePieces } from './frameCopy.ts';
import { drawQuery, drawsOfTask, loadDrawFor, type DrawRow } from './policy.ts';

/** N_h and n_h per stratum and group that the commit fixes (docs/draw-spec.md §4), before any seed. */
export function plannedAllocation(r: Pick<DrawRow, 'params' | 'counts'>): AllocationRecord[] {
  return r.params.groups.map((g, i) => ({ group: g.code, classes: allocateByRiskClass(g.allocation, r.counts[i]!.counts) }));
}

/** The commit as published before the seed exists: never the operator value. */
export function commitView(r: DrawRow) {
  return {
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    taskCode: r.task_code,
    /** 合并抽取: every task of the draw; null for a draw of one task. */
    mergedTasks: r.merged_tasks,
    year: r.year,
    batch: r.batch_no,
    attempt: r.attempt,
    drawCode: r.draw_code,
    status: r.status,
    commit: r.commit_hash,
    committedAt: r.committed_at,
    params: r.params,
    counts: r.counts,
    planned: plannedAllocation(r),
    excludedCount: r.excluded_count,
    publicSource: r.params.sources[0]!,
    commitReason: r.commit_reason,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    replacesDrawId: r.replaces_draw_id,
  };
}

/**
 * One draw of record as its readers see it: the commit, the ceremony, and from the visit rows
 * each visit with its inspecting unit, the people sent now and those released before (with why).
 * A unit that only inspects part of the draw (市抽县查) sees the visits it inspects.
 */
export async function readDraw(db: Kysely<DB>, caller: Caller, input: { id: string }) {
  const row = await loadDrawFor(db, caller, input.id, 'read');
  const own = caller.scope.unitCodes.includes(row.unit_code);
  const visitRows = await db
    .selectFrom('visit as v')
    .innerJoin('org_unit as u', 'u.code', 'v.inspecting_unit_code')
    .select([
      'v.object_id',
      'v.object_name',
      'v.object_kind',
      'v.groups',
      'v.items',
      'v.inspecting_unit_code',
      'u.name as inspecting_unit_name',
      'v.replaced_by',
      'v.replaced_reason',
      'v.reserve_for',
    ])
    .where('v.draw_unit_code', '=', row.unit_code)
    .where('v.draw_id', '=', row.id)
    .$if(!own, (q) => q.where('v.inspecting_unit_code', 'in', caller.scope.unitCodes))
    .orderBy('v.object_id')
    .execute();
  // Results are read apart from the visits: they live with the inspecting unit, the visits with
  // the drawing unit, and a distributed engine does not join the two in one statement.
  const withResult = new Set(
    (
      await db.selectFrom('visit_result').select('uscc').where('draw_unit_code', '=', row.unit_code).where('draw_id', '=', row.id).execute()
    ).map((r) => r.uscc),
  );
  const people = await db
    .selectFrom('visit_inspector')
    .select(['object_id', 'code', 'name', 'category', 'inspector_unit_code', 'assigned_at', 'released_at', 'release_reason'])
    .where('draw_unit_code', '=', row.unit_code)
    .where('draw_id', '=', row.id)
    .$if(!own, (q) => q.where('object_id', 'in', visitRows.length > 0 ? visitRows.map((v) => v.object_id) : ['']))
    .orderBy('assigned_at')
    .orderBy('code')
    .execute();
  // A joint task's member departments, to name the team each person comes from (docs/draw-spec.md §11).
  const jointDepartments = row.matching?.options.jointDepartments ?? [];
  const shortName = new Map(
    jointDepartments.length > 0
      ? (await db.selectFrom('org_unit').select(['code', 'short_name']).where('code', 'in', jointDepartments).execute()).map((u) => [
          u.code,
          u.short_name,
        ])
      : [],
  );
  const partyOf = await jointTeamUnits(
    db,
    jointDepartments,
    people.map((p) => p.inspector_unit_code),
  );
  const departmentName = new Map([...partyOf].map(([unit, party]) => [unit, shortName.get(party) ?? party]));
  const reserveUses = await db
    .selectFrom('draw_reserve_use')
    .select(['replaced_id', 'reserve_id', 'reason', 'used_by_name', 'used_at'])
    .where('unit_code', '=', row.unit_code)
    .where('draw_id', '=', row.id)
    .execute();
  const ids = row.result ? [...new Set([...row.result.sample, ...row.result.reserves].map((e) => e.id))] : [];
  const names = new Map(visitRows.map((v) => [v.object_id, v.object_name]));
  const missing = ids.filter((id) => !names.get(id));
  if (missing.length > 0) {
    for (const e of await db.selectFrom('market_entity').select(['uscc', 'name']).where('uscc', 'in', missing).execute())
      names.set(e.uscc, e.name);
    for (const o of await drawnObjects(db, row.unit_code, missing)) if (!names.get(o.id)) names.set(o.id, o.name);
  }
  const anyResult = await db
    .selectFrom('visit_result')
    .select('id')
    .where('draw_unit_code', '=', row.unit_code)
    .where('draw_id', '=', row.id)
    .limit(1)
    .executeTakeFirst();
  return {
    ...commitView(row),
    own,
    // The caller's unit may act on the draw (the draw policy's 'act'): not a bureau over its member
    // department's draw of a joint task it only 配合.
    mayAct: own && (await directoryUnitsOf(db, caller.scope)).includes(row.unit_code),
    sources: row.sources,
    seed: row.seed,
    result: row.result,
    matching: row.matching,
    resultPublicAt: row.result_public_at,
    publication: row.status === 'drawn' ? await publicationReadiness(db, row) : null,
    hasResults: anyResult !== undefined,
    drawnAt: row.drawn_at,
    drawnByName: row.drawn_by_name,
    witnessName: row.witness_name,
    voidedByName: row.voided_by_name,
    createdByName: row.created_by_name,
    names: Object.fromEntries(ids.map((id) => [id, names.get(id) ?? null])),
    visits: visitRows.map((v) => ({
      id: v.object_id,
      name: v.object_name,
      objectKindLabel: objectKindText(v.object_kind),
      /** 合并抽取: the tasks that drew the visit (its groups); empty for a draw of one task. */
      tasks: row.merged_tasks ? v.groups : [],
      items: v.items,
      inspectingUnitCode: v.inspecting_unit_code,
      inspectingUnitName: v.inspecting_unit_name,
      replacedBy: v.replaced_by,
      replacedReason: v.replaced_reason,
      reserveFor: v.reserve_for,
      hasResult: withResult.has(v.object_id),
      inspectors: people
        .filter((p) => p.object_id === v.object_id && p.released_at === null)
        .map((p) => ({
          code: p.code,
          name: p.name,
          category: p.category,
          unitCode: p.inspector_unit_code,
          department: departmentName.get(p.inspector_unit_code) ?? null,
        })),
    })),
    /** Earlier assignments, released by a re-match, a swap, a reserve or the void, with why. */
    released: people
      .filter((p) => p.released_at !== null)
      .map((p) => ({
        visitId: p.object_id,
        code: p.code,
        name: p.name,
        assignedAt: p.assigned_at,
        releasedAt: p.released_at!,
        reason: p.release_reason ?? '',
      })),
    reserveUses: reserveUses.map((u) => ({
      replacedId: u.replaced_id,
      reserveId: u.reserve_id,
      reason: u.reason,
      usedByName: u.used_by_name,
      usedAt: u.used_at,
    })),
  };
}

/** 抽查任务公告: every commit with its counts and planned sizes; the sample size once published. */
export async function listPublicDraws(db: Kysely<DB>, input: { year?: number | undefined; taskCode?: string | undefined }) {
  let q = drawQuery(db);
  if (input.year !== undefined) q = q.where('d.year', '=', input.year);
  if (input.taskCode) q = q.where(drawsOfTask(input.taskCode));
  const rows = await q.orderBy('d.created_at', 'desc').limit(200).execute();
  return {
    items: rows.map((r) => ({
      ...commitView(r),
      drawnAt: r.drawn_at,
      resultPublic: r.result_public_at !== null,
      resultPublicAt: r.result_public_at,
      sampleSize: r.result_public_at && r.result ? r.result.sample.length : null,
    })),
  };
}

/** The group files of a draw, in the groups' order. */
function groupFileRows(db: Kysely<DB>, draw: { unit_code: string; id: string }) {
  return db.selectFrom('draw_group_file').where('unit_code', '=', draw.unit_code).where('draw_id', '=', draw.id).orderBy('position');
}

/** The frame file and the exclusions of each group of a draw, in the groups' order. */
export async function groupFiles(db: Kysely<DB>, draw: { unit_code: string; id: string }) {
  return groupFileRows(db, draw).select(['code', 'frame', 'exclusions']).execute();
}

/**
 * The draw's group files with each frame file as it streams out of `database` (storedFramePieces,
 * PostgreSQL: a connection of its own, read as the draw consumes it); the codes and exclusions read here.
 */
export async function storedGroupFrames(db: Kysely<DB>, database: Database, draw: { unit_code: string; id: string }) {
  const groups = await groupFileRows(db, draw).select(['position', 'code', 'exclusions']).execute();
  // COPY takes no bind parameters: the keys are written as literals (quotes doubled).
  const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
  return groups.map((g) => ({
    code: g.code,
    exclusions: g.exclusions,
    frame: storedFramePieces(
      database,
      `SELECT frame FROM draw_group_file WHERE unit_code = ${literal(draw.unit_code)} AND draw_id = ${literal(draw.id)} AND position = ${Number(g.position)}`,
    ),
  }));
}

/** How many group files the draw has and their frames' bytes, from the stored lengths (nothing is read). */
export async function groupFileSize(
  db: Kysely<DB>,
  draw: { unit_code: string; id: string },
): Promise<{ groups: number; frameBytes: number }> {
  const row = await db
    .selectFrom('draw_group_file')
    .select([sql<string>`count(*)`.as('groups'), sql<string>`coalesce(sum(octet_length(frame)), 0)`.as('bytes')])
    .where('unit_code', '=', draw.unit_code)
    .where('draw_id', '=', draw.id)
    .executeTakeFirstOrThrow();
  return { groups: Number(row.groups), frameBytes: Number(row.bytes) };
}

/** The auditor bundle (docs/draw-spec.md §10) of a drawn draw; the assignment from the visit rows. */
async function auditorBundle(db: Kysely<DB>, r: DrawRow): Promise<DrawBundle<AuditorGroup>> {
  const files = await groupFiles(db, r);
  const result = r.result!;
  return {
    spec: DRAW_SPEC,
    params: r.params,
    groups: files,
    commit: r.commit_hash,
    committed_at: r.committed_at,
    sources: r.sources!,
    seed: r.seed!,
    allocation: result.allocation,
    sample: result.sample,
    reserves: result.reserves,
    visits: result.visits,
    assignment: await currentAssignment(db, { unitCode: r.unit_code, id: r.id }),
  };
}

/**
 * The bundle file as downloaded: the bundle plus `assignment_changes` when staff changed people
 * after matching (docs/draw-spec.md §11 and docs/draw-verification.md "Manual changes"): which
 * entries are not the minimum-cost ones and why; for a joint task, `joint_departments` and
 * `assignment_teams` (docs/draw-spec.md §11). Inspector codes only, never names.
 */
export async function bundleFile(db: Kysely<DB>, r: DrawRow, which: 'auditor' | 'public') {
  const auditor = await auditorBundle(db, r);
  const bundle = which === 'public' ? toPublicBundle(auditor) : auditor;
  const changes = (r.matching?.swaps ?? []).map((s) => ({
    visit: s.visitId,
    before: s.before,
    after: s.after,
    reason: s.reason,
    at: s.at,
  }));
  const departments = [...(r.matching?.options.jointDepartments ?? [])].sort(compareUtf8);
  const joint =
    departments.length > 0
      ? { joint_departments: departments, assignment_teams: await currentTeams(db, { unitCode: r.unit_code, id: r.id }, departments) }
      : {};
  return { ...bundle, ...joint, ...(changes.length > 0 ? { assignment_changes: changes } : {}) };
}

function noBundleYet(r: DrawRow) {
  return new AppError('INVALID_STATE', `抽取记录 ${r.draw_code} 尚未摇号或已作废，没有抽取包。`, { status: r.status });
}

/** 下载抽取包: the auditor bundle for the drawing unit, the public bundle for anyone else who reads the draw. */
export async function drawBundleForCaller(db: Kysely<DB>, caller: Caller, input: { id: string; public: boolean }) {
  const row = await loadDrawFor(db, caller, input.id, 'read');
  if (row.status !== 'drawn') throw noBundleYet(row);
  const which = input.public || !caller.scope.unitCodes.includes(row.unit_code) ? 'public' : 'auditor';
  return { fileName: `${row.draw_code}${which === 'public' ? '-public' : ''}.bundle.json`, bundle: await bundleFile(db, row, which) };
}

/** The public bundle on the portal: only once the result is published; the same answer otherwise. */
export async function publishedDrawBundle(db: Kysely<DB>, input: { id: string }) {
  const row = await drawQuery(db)
    .where('d.id', '=', input.id)
    .where('d.status', '=', 'drawn')
    .where('d.result_public_at', 'is not', null)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', '该抽取结果尚未公开（检查完成或抽查期间结束后公开），或不存在。');
  return { fileName: `${row.draw_code}-public.bundle.json`, bundle: await bundleFile(db, row, 'public') };
}

/** The documents a reader of a bundle needs: the normative spec and the verification guide (docs/). */
export const drawDocs = ['draw-spec.md', 'draw-verification.md'] as const;

export async function readDrawDoc(input: { name: (typeof drawDocs)[number] }) {
  return fs.readFile(path.resolve(import.meta.dirname, '../../../docs', input.name), 'utf8');
}
