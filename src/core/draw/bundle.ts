// Commit and draw, producing the bundle of docs/draw-spec.md §10. Pure: the commit time, the
// frames and the seed source values are inputs; nothing here reads a clock or a CSPRNG.
import { allocateByRiskClass, type GroupAllocation } from './allocation.ts';
import { packFrame, selectGroupPacked } from './batchTickets.ts';
import { computeCommit, hashGroupFiles, type GroupFiles, type GroupHashes } from './commit.ts';
import { DRAW_SPEC } from './encoding.ts';
import { DrawError } from './errors.ts';
import { countByClass, eligibleEntries, fileHash, parseExclusions, parseFrame, type FrameEntry, type RiskClass } from './frame.ts';
import { FrameReader, eligibleCounts } from './frameReader.ts';
import { createStreamingHash, type StreamingHash } from '../hash/streaming.ts';
import { paramsHash, validateParams, type DrawParams } from './params.ts';
import { checkSourceValues, deriveSeed, type SourceValue } from './seed.ts';
import { selectGroup, type ReserveEntry, type SampleEntry } from './selection.ts';
import { makeTicketer } from './tickets.ts';
import { buildVisits, type Visit } from './visits.ts';

export interface AuditorGroup {
  code: string;
  frame: string;
  exclusions: string;
}

export interface PublicGroup {
  code: string;
  frame_hash: string;
  exclusions_hash: string;
  counts: Record<RiskClass, number>;
}

export interface AllocationRecord {
  group: string;
  classes: GroupAllocation;
}

export interface AssignmentRecord {
  id: string;
  inspectors: string[];
}

/** The bundle a verifier reads (docs/draw-spec.md §10). Arrays are in the canonical order below. */
export interface DrawBundle<G = AuditorGroup | PublicGroup> {
  spec: typeof DRAW_SPEC;
  params: DrawParams;
  groups: G[];
  commit: string;
  committed_at: string;
  sources: SourceValue[];
  seed: string;
  /** One record per group, in P order. */
  allocation: AllocationRecord[];
  /** Groups in P order, then strata A, B, C, D, U (or "*"), then rank. */
  sample: SampleEntry[];
  /** Same order as `sample`. */
  reserves: ReserveEntry[];
  /** Sorted by id bytes. */
  visits: Visit[];
  /** Inspector matching (docs/draw-spec.md §8); empty until matched. */
  assignment: AssignmentRecord[];
}

/** What is published at commit time (docs/draw-spec.md §3.1, §9). */
export interface CommitRecord {
  task: string;
  commit: string;
  params_hash: string;
  groups: PublicGroup[];
}

export interface DrawInput {
  params: DrawParams;
  groups: GroupFiles[];
  /** ISO-8601 time the commit was recorded; the caller's clock, not ours. */
  committedAt: string;
  sources: SourceValue[];
  /**
   * The commit recorded and published before the seed existed. When given, the draw is
   * refused if the frames, exclusions or P no longer produce it (docs/draw-spec.md §3.1: the
   * inputs are frozen at commit time).
   */
  recordedCommit?: string;
}

interface FrozenGroup {
  files: GroupFiles;
  eligible: FrameEntry[];
}

/** Validates P and the group files and computes the commit (docs/draw-spec.md §2, §3.1). */
export function commitDraw(params: DrawParams, groups: readonly GroupFiles[]): CommitRecord {
  const frozen = freezeGroups(params, groups);
  const hashes = hashGroupFiles(params, groups);
  return {
    task: params.task,
    commit: computeCommit(params, hashes),
    params_hash: paramsHash(params),
    groups: hashes.map((h, i) => ({ ...h, counts: countByClass(frozen[i]!.eligible) })),
  };
}

/**
 * commitDraw without a JS object per frame line, for frames of millions of objects: each
 * frame is read as UTF-8 bytes by FrameReader, which checks every line by parseFrame's rules,
 * counts N_h against the group's exclusions and hashes the file in one pass. Same record as
 * commitDraw for every valid input (tested); an invalid frame is refused with DRAW_BAD_FRAME
 * naming the line, as there. `hashOf` may give a faster implementation of the same HASH
 * (node:crypto on the server).
 */
export function commitDrawFromBytes(
  params: DrawParams,
  groups: readonly GroupFiles[],
  hashOf: (alg: DrawParams['hash']) => StreamingHash = createStreamingHash,
): CommitRecord {
  checkGroupOrder(params, groups);
  const encoder = new TextEncoder();
  const read = groups.map((files) => {
    const excludedIds = parseExclusions(files.exclusions).map((e) => e.id);
    const reader = new FrameReader(params.hash, hashOf(params.hash), excludedIds);
    reader.update(encoder.encode(files.frame));
    const frame = reader.finish();
    return {
      code: files.code,
      frame_hash: frame.hash,
      exclusions_hash: fileHash(params.hash, files.exclusions),
      counts: eligibleCounts(frame),
    };
  });
  return {
    task: params.task,
    commit: computeCommit(params, read),
    params_hash: paramsHash(params),
    groups: read,
  };
}

/** Commit, seed, allocation, selection and visits: the auditor bundle (docs/draw-spec.md §3–§6, §10). */
export function runDraw(input: DrawInput): DrawBundle<AuditorGroup> {
  const frozen = freezeGroups(input.params, input.groups);
  const opened = openDraw(input, hashGroupFiles(input.params, input.groups));
  // The batch path draws; the verifier (verify.ts) re-runs the reference selectGroup, so every
  // bundle of record is checked by the other implementation.
  const drawn = drawGroups(
    input.params,
    frozen.map((g) => g.eligible),
    opened.seed,
    'batch',
  );
  return assembleBundle(input, opened, drawn);
}

export interface OpenedDraw {
  commit: string;
  /** The entered values, trimmed, in P's order. */
  sources: SourceValue[];
  seed: string;
}

/**
 * The commit of the frozen files (their hashes, in P order) checked against the one recorded
 * before the seed existed, the entered source values checked, and the seed (docs/draw-spec.md §3).
 */
export function openDraw(input: Pick<DrawInput, 'params' | 'sources' | 'recordedCommit'>, hashes: readonly GroupHashes[]): OpenedDraw {
  const { params } = input;
  const commit = computeCommit(params, hashes);
  if (input.recordedCommit !== undefined && input.recordedCommit !== commit) {
    throw new DrawError(
      'DRAW_COMMIT_CHANGED',
      '抽查名录、排除名单或抽取参数在承诺之后被改动，不能抽取；如需重抽，请以新的承诺重新公示并记录原因',
      {
        recorded: input.recordedCommit,
        computed: commit,
      },
    );
  }
  checkSourceValues(params, input.sources);
  const sources = input.sources.map((s) => ({ kind: s.kind, name: s.name, value: s.value.trim() }));
  return { commit, sources, seed: deriveSeed(params.hash, commit, sources) };
}

/** The auditor bundle of a draw whose groups are allocated and selected (visits built here, no assignment yet). */
export function assembleBundle(
  input: Pick<DrawInput, 'params' | 'groups' | 'committedAt'>,
  opened: OpenedDraw,
  drawn: { allocation: AllocationRecord[]; sample: SampleEntry[]; reserves: ReserveEntry[] },
): DrawBundle<AuditorGroup> {
  return {
    spec: DRAW_SPEC,
    params: input.params,
    groups: input.groups.map((g) => ({ code: g.code, frame: g.frame, exclusions: g.exclusions })),
    commit: opened.commit,
    committed_at: input.committedAt,
    sources: opened.sources,
    seed: opened.seed,
    allocation: drawn.allocation,
    sample: drawn.sample,
    reserves: drawn.reserves,
    visits: buildVisits(input.params.groups, drawn.sample, drawn.reserves),
    assignment: [],
  };
}

/**
 * How a group's sample is selected (docs/draw-spec.md §5), with the same result either way (tested):
 * `reference` — selectGroup, one ticket per object, the spec's text as code; `batch` — the
 * packed path of batchTickets.ts (no string or object per object, tickets kept only while
 * among the smallest).
 */
export type SelectionPath = 'reference' | 'batch';

/** Allocation and selection of every group for a known seed (docs/draw-spec.md §4, §5). */
export function drawGroups(
  params: DrawParams,
  eligible: readonly FrameEntry[][],
  seed: string,
  path: SelectionPath = 'reference',
): { allocation: AllocationRecord[]; sample: SampleEntry[]; reserves: ReserveEntry[] } {
  // docs/draw-spec.md §6: one seed, hence one ticket per object across all groups.
  const ticketOf = makeTicketer(params.hash, seed);
  const allocation: AllocationRecord[] = [];
  const sample: SampleEntry[] = [];
  const reserves: ReserveEntry[] = [];
  params.groups.forEach((group, i) => {
    const members = eligible[i]!;
    const classes = allocateByRiskClass(group.allocation, countByClass(members));
    allocation.push({ group: group.code, classes });
    const selected =
      path === 'batch'
        ? selectGroupPacked(group.code, packFrame(members), classes, group.reserve, params.hash, seed)
        : selectGroup(group.code, members, classes, group.reserve, ticketOf);
    sample.push(...selected.sample);
    reserves.push(...selected.reserves);
  });
  return { allocation, sample, reserves };
}

/** The public bundle: frame and exclusion files replaced by their hashes and N_h (docs/draw-spec.md §9, §10). */
export function toPublicBundle(bundle: DrawBundle<AuditorGroup>): DrawBundle<PublicGroup> {
  const hashes = hashGroupFiles(bundle.params, bundle.groups);
  return {
    ...bundle,
    groups: bundle.groups.map((g, i) => ({
      ...hashes[i]!,
      counts: countByClass(eligibleEntries(parseFrame(g.frame), parseExclusions(g.exclusions))),
    })),
  };
}

/** Parses every group's files after checking P and that the groups follow P's order. */
export function freezeGroups(params: DrawParams, groups: readonly GroupFiles[]): FrozenGroup[] {
  checkGroupOrder(params, groups);
  return groups.map((files) => ({ files, eligible: eligibleEntries(parseFrame(files.frame), parseExclusions(files.exclusions)) }));
}

/** Checks P, and that there is one group of files per group of P, in P's order. */
export function checkGroupOrder(params: DrawParams, groups: readonly { code: string }[]): void {
  validateParams(params);
  if (groups.length !== params.groups.length) {
    throw new DrawError('DRAW_BAD_INPUT', `参数中有 ${params.groups.length} 个抽查组，提供了 ${groups.length} 组名录`);
  }
  groups.forEach((files, i) => {
    if (files.code !== params.groups[i]!.code) {
      throw new DrawError('DRAW_BAD_INPUT', `第 ${i + 1} 组名录应属于抽查组 ${params.groups[i]!.code}，实际为 ${files.code}`);
    }
  });
}
