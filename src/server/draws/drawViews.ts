// Draws as the API and the bundle files show them.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import {
  DRAW_SPEC,
  toPublicBundle,
  type AssignmentRecord,
  type DrawBundle,
  type DrawParams,
  type AuditorGroup,
  type SourceValue,
} from '../../core/draw/index.ts';
import type { DrawResult } from './drawCommands.ts';

export type DrawRow = Awaited<ReturnType<ReturnType<typeof drawQuery>['executeTakeFirstOrThrow']>>;

export function drawQuery(db: Kysely<DB>) {
  return db
    .selectFrom('draw as d')
    .innerJoin('org_unit as o', 'o.code', 'd.unit_code')
    .select([
      'd.unit_code',
      'o.name as unit_name',
      'd.id',
      'd.plan_id',
      'd.task_code',
      'd.year',
      'd.batch_no',
      'd.attempt',
      'd.draw_code',
      'd.status',
      'd.params',
      'd.commit_hash',
      'd.committed_at',
      'd.counts',
      'd.excluded_count',
      'd.sources',
      'd.seed',
      'd.result',
      'd.assignment',
      'd.matching',
      'd.result_public_at',
      'd.drawn_at',
      'd.drawn_by_name',
      'd.witness_name',
      'd.voided_at',
      'd.voided_by_name',
      'd.void_reason',
      'd.replaces_draw_id',
      'd.created_by_name',
      'd.created_at',
    ]);
}

/** The commit as published before the seed exists: never the operator value. */
export function commitView(r: DrawRow) {
  const params = r.params as DrawParams;
  return {
    id: r.id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    taskCode: r.task_code,
    year: r.year,
    batch: r.batch_no,
    attempt: r.attempt,
    drawCode: r.draw_code,
    status: r.status,
    commit: r.commit_hash,
    committedAt: r.committed_at,
    params,
    counts: r.counts,
    excludedCount: r.excluded_count,
    publicSource: params.sources[0],
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    replacesDrawId: r.replaces_draw_id,
  };
}

export function drawView(r: DrawRow) {
  return {
    ...commitView(r),
    sources: r.sources,
    seed: r.seed,
    result: r.result as DrawResult | null,
    assignment: r.assignment as AssignmentRecord[],
    matching: r.matching,
    resultPublicAt: r.result_public_at,
    drawnAt: r.drawn_at,
    drawnByName: r.drawn_by_name,
    witnessName: r.witness_name,
    voidedByName: r.voided_by_name,
    createdByName: r.created_by_name,
  };
}

/** The auditor bundle (draw-spec §10) of a drawn draw. */
export async function auditorBundle(db: Kysely<DB>, r: DrawRow): Promise<DrawBundle<AuditorGroup>> {
  const files = await db
    .selectFrom('draw_group_file')
    .select(['code', 'frame', 'exclusions'])
    .where('unit_code', '=', r.unit_code)
    .where('draw_id', '=', r.id)
    .orderBy('position')
    .execute();
  const result = r.result as DrawResult;
  return {
    spec: DRAW_SPEC,
    params: r.params as DrawParams,
    groups: files,
    commit: r.commit_hash,
    committed_at: r.committed_at,
    sources: r.sources as SourceValue[],
    seed: r.seed!,
    allocation: result.allocation as DrawBundle['allocation'],
    sample: result.sample,
    reserves: result.reserves,
    visits: result.visits,
    assignment: r.assignment as AssignmentRecord[],
  };
}

/**
 * Manual changes of the assignment (draw-spec §8 allows them with a reason): carried in the
 * bundle as `assignment_changes` beside `assignment`, which already holds the changed people.
 * The verifier checks the assignment's structure; these records say why it is not the
 * minimum-cost one for the listed visits. Inspector codes only, never names.
 */
function assignmentChanges(r: DrawRow) {
  const swaps =
    (r.matching as { swaps?: { visitId: string; before: string[]; after: string[]; reason: string; at: string }[] } | null)?.swaps ?? [];
  return swaps.map((s) => ({ visit: s.visitId, before: s.before, after: s.after, reason: s.reason, at: s.at }));
}

/** The bundle file as downloaded: the bundle plus `assignment_changes` when there were any. */
export async function bundleFile(db: Kysely<DB>, r: DrawRow, which: 'auditor' | 'public') {
  const bundle = which === 'public' ? toPublicBundle(await auditorBundle(db, r)) : await auditorBundle(db, r);
  const changes = assignmentChanges(r);
  return changes.length > 0 ? { ...bundle, assignment_changes: changes } : bundle;
}

export async function publicBundle(db: Kysely<DB>, r: DrawRow) {
  return bundleFile(db, r, 'public');
}
