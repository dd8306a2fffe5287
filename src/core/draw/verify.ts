// The verifier (docs/draw-spec.md §9, §10): recomputes every hash, the commit, the seed, each
// allocation, every ticket, the sample and reserve order and the visits, and reports
// VALID or the FIRST mismatch (which field, expected vs found). Checks run in the order
// the draw happened, so the first mismatch is the earliest broken step.
import { bytesToHex } from '../hash/index.ts';
import { allocateByRiskClass, ALL_OBJECTS, type GroupAllocation, type Stratum } from './allocation.ts';
import type { AuditorGroup, DrawBundle, PublicGroup } from './bundle.ts';
import { drawGroups } from './bundle.ts';
import { computeCommit, type GroupHashes } from './commit.ts';
import { DRAW_SPEC, compareUtf8, isLowerHex } from './encoding.ts';
import { DrawError } from './errors.ts';
import {
  countByClass,
  eligibleEntries,
  fileHash,
  parseExclusions,
  parseFrame,
  RISK_CLASSES,
  type FrameEntry,
  type RiskClass,
} from './frame.ts';
import { validateParams, type DrawParams } from './params.ts';
import { checkSourceValues, deriveSeed, type SourceValue } from './seed.ts';
import { reserveLength, type ReserveEntry, type SampleEntry } from './selection.ts';
import { makeTicketer } from './tickets.ts';
import { buildVisits } from './visits.ts';

export type VerifyResult =
  { status: 'VALID'; scope: 'auditor' | 'public' } | { status: 'MISMATCH'; field: string; expected: string; found: string };

class Mismatch extends Error {
  constructor(
    readonly field: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${field}: expected ${expected}, found ${found}`);
  }
}

/**
 * Verifies a bundle. An auditor bundle (frame and exclusion files) is checked completely;
 * a public bundle (hashes and counts) is checked as far as the public data allows: the
 * commit, seed, allocation from the published N_h, every published ticket, rank order
 * and counts, reserve order and visits — but not that no smaller ticket exists in the
 * unpublished frame.
 */
export function verifyBundle(bundle: unknown): VerifyResult {
  try {
    const scope = verifyOrThrow(bundle);
    return { status: 'VALID', scope };
  } catch (e) {
    if (e instanceof Mismatch) return { status: 'MISMATCH', field: e.field, expected: e.expected, found: e.found };
    throw e;
  }
}

/** One line for the CLI and the portal page: `VALID` or the first mismatch. */
export function describeVerifyResult(result: VerifyResult): string {
  if (result.status === 'VALID') return result.scope === 'auditor' ? 'VALID' : 'VALID (public bundle: frame not included)';
  return `MISMATCH ${result.field}: expected ${result.expected}, found ${result.found}`;
}

function verifyOrThrow(value: unknown): 'auditor' | 'public' {
  const b = object(value, '(bundle)') as Partial<DrawBundle>;
  same('spec', DRAW_SPEC, b.spec);
  const params = checkParams(b.params);
  const alg = params.hash;

  // docs/draw-spec.md §2: frame and exclusion files, or (public) their hashes and counts.
  const groups = array(b.groups, 'groups');
  same('groups.length', params.groups.length, groups.length);
  const scope = 'frame' in object(groups[0], 'groups[0]') ? 'auditor' : 'public';
  const hashes: GroupHashes[] = [];
  const eligible: FrameEntry[][] = [];
  const counts: Record<RiskClass, number>[] = [];
  groups.forEach((g, i) => {
    const at = `groups[${i}]`;
    const group = object(g, at);
    same(`${at}.code`, params.groups[i]!.code, group.code);
    if (scope === 'auditor') {
      const { frame, exclusions } = group as Partial<AuditorGroup>;
      const members = eligibleEntries(parsed(`${at}.frame`, frame, parseFrame), parsed(`${at}.exclusions`, exclusions, parseExclusions));
      hashes.push({ code: params.groups[i]!.code, frame_hash: fileHash(alg, frame!), exclusions_hash: fileHash(alg, exclusions!) });
      eligible.push(members);
      counts.push(countByClass(members));
    } else {
      const pub = group as Partial<PublicGroup>;
      if (!isLowerHex(pub.frame_hash, 32))
        fail(`${at}.frame_hash`, 'lower-case hex hash (or an auditor bundle with "frame")', pub.frame_hash);
      if (!isLowerHex(pub.exclusions_hash, 32)) fail(`${at}.exclusions_hash`, 'lower-case hex hash', pub.exclusions_hash);
      hashes.push({ code: params.groups[i]!.code, frame_hash: pub.frame_hash, exclusions_hash: pub.exclusions_hash });
      counts.push(checkCounts(pub.counts, `${at}.counts`));
    }
  });

  // docs/draw-spec.md §3.1
  same('commit', computeCommit(params, hashes), b.commit);
  if (typeof b.committed_at !== 'string' || !ISO_8601.test(b.committed_at)) fail('committed_at', 'ISO-8601 date-time', b.committed_at);

  // docs/draw-spec.md §3.2–3.3
  const sources = array(b.sources, 'sources') as SourceValue[];
  sources.forEach((s, i) => object(s, `sources[${i}]`));
  try {
    checkSourceValues(params, sources);
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
    const i = e.details.index as number | undefined;
    const field = i === undefined ? 'sources.length' : `sources[${i}].${String(e.details.field)}`;
    fail(field, e.message, i === undefined ? sources.length : (sources[i] as unknown as Record<string, unknown>)[String(e.details.field)]);
  }
  const seed = deriveSeed(alg, b.commit as string, sources);
  same('seed', seed, b.seed);

  // docs/draw-spec.md §4
  const allocation = array(b.allocation, 'allocation');
  same('allocation.length', params.groups.length, allocation.length);
  const expectedAllocation = params.groups.map((g, i) => allocateByRiskClass(g.allocation, counts[i]!));
  expectedAllocation.forEach((classes, i) => {
    const found = object(allocation[i], `allocation[${i}]`);
    same(`allocation[${i}].group`, params.groups[i]!.code, found.group);
    sameAllocation(`allocation[${i}].classes`, classes, found.classes);
  });

  // docs/draw-spec.md §5
  const sample = array(b.sample, 'sample') as SampleEntry[];
  const reserves = array(b.reserves, 'reserves') as ReserveEntry[];
  if (scope === 'auditor') {
    const drawn = drawGroups(params, eligible, seed);
    sameEntries('sample', drawn.sample, sample);
    sameEntries('reserves', drawn.reserves, reserves);
  } else {
    checkPublishedSelection(params, expectedAllocation, seed, sample, reserves);
  }
  checkReserveUse(reserves);

  // docs/draw-spec.md §6
  const visits = array(b.visits, 'visits');
  const expectedVisits = buildVisits(params.groups, sample, reserves);
  same('visits.length', expectedVisits.length, visits.length);
  expectedVisits.forEach((v, i) => {
    const found = object(visits[i], `visits[${i}]`);
    same(`visits[${i}].id`, v.id, found.id);
    same(`visits[${i}].items`, JSON.stringify(v.items), JSON.stringify(found.items));
  });

  checkAssignment(b.assignment, new Set(expectedVisits.map((v) => v.id)));
  checkJointTeams(b as Record<string, unknown>);
  return scope;
}

function checkParams(value: unknown): DrawParams {
  try {
    return validateParams(value);
  } catch (e) {
    if (!(e instanceof DrawError)) throw e;
    const path = String(e.details.path ?? 'params');
    fail(path, e.message, lookup(value, path.replace(/^params\.?/, '')));
  }
}

function checkCounts(value: unknown, at: string): Record<RiskClass, number> {
  const counts = object(value, at);
  for (const h of RISK_CLASSES) {
    if (!Number.isSafeInteger(counts[h]) || (counts[h] as number) < 0) fail(`${at}.${h}`, 'non-negative integer', counts[h]);
  }
  return counts as Record<RiskClass, number>;
}

// Public bundle: every ticket recomputed; per stratum exactly n_h sample entries ranked
// 1…n_h in ticket order, then reserves ranked 1… continuing that order.
function checkPublishedSelection(
  params: DrawParams,
  allocation: GroupAllocation[],
  seed: string,
  sample: SampleEntry[],
  reserves: ReserveEntry[],
): void {
  const ticketOf = makeTicketer(params.hash, seed);
  const order = new Map<string, number>();
  params.groups.forEach((g, i) => strataOf(allocation[i]!).forEach((s, j) => order.set(`${g.code}\t${s}`, i * 8 + j)));
  for (const [name, list] of [
    ['sample', sample],
    ['reserves', reserves],
  ] as const) {
    let previous: { key: number; rank: number; ticket: string; id: string } | null = null;
    list.forEach((entry, i) => {
      const at = `${name}[${i}]`;
      object(entry, at);
      const key = order.get(`${entry.group}\t${entry.class}`);
      if (key === undefined) fail(`${at}.class`, 'a stratum of the allocation', `${String(entry.group)}/${String(entry.class)}`);
      if (typeof entry.id !== 'string') fail(`${at}.id`, 'string', entry.id);
      same(`${at}.ticket`, bytesToHex(ticketOf(entry.id)), entry.ticket);
      if (previous && previous.key > key) fail(`${at}.group`, 'groups in P order, strata A–U', entry.group);
      const sameStratum = previous !== null && previous.key === key;
      same(`${at}.rank`, sameStratum ? previous!.rank + 1 : 1, entry.rank);
      if (
        sameStratum &&
        (entry.ticket < previous!.ticket || (entry.ticket === previous!.ticket && compareUtf8(entry.id, previous!.id) <= 0))
      ) {
        fail(`${at}.ticket`, `a ticket above ${previous!.ticket}`, entry.ticket);
      }
      previous = { key, rank: entry.rank, ticket: entry.ticket, id: entry.id };
    });
  }
  params.groups.forEach((g, i) => {
    for (const s of strataOf(allocation[i]!)) {
      const drawn = sample.filter((e) => e.group === g.code && e.class === s);
      same(`sample(${g.code}/${s}).length`, allocation[i]![s]!.n, drawn.length);
      const last = drawn[drawn.length - 1];
      const first = reserves.find((r) => r.group === g.code && r.class === s);
      if (last && first && first.ticket <= last.ticket) fail(`reserves(${g.code}/${s})`, `tickets above ${last.ticket}`, first.ticket);
      const expectedReserves = reserveLength(allocation[i]![s]!.n, allocation[i]![s]!.N, g.reserve);
      same(`reserves(${g.code}/${s}).length`, expectedReserves, reserves.filter((r) => r.group === g.code && r.class === s).length);
    }
  });
}

// docs/draw-spec.md §5: reserves are used strictly in order, each use with its reason.
function checkReserveUse(reserves: ReserveEntry[]): void {
  const unusedSeen = new Set<string>();
  reserves.forEach((r, i) => {
    const at = `reserves[${i}]`;
    if (typeof r.used !== 'boolean') fail(`${at}.used`, 'true or false', r.used);
    const stratum = `${r.group}\t${r.class}`;
    if (r.used) {
      if (typeof r.reason !== 'string' || r.reason.trim() === '')
        fail(`${at}.reason`, 'the recorded reason for using this reserve', r.reason);
      if (unusedSeen.has(stratum)) fail(`${at}.used`, 'false (reserves are used strictly in order)', r.used);
    } else {
      if (r.reason !== null) fail(`${at}.reason`, 'null for an unused reserve', r.reason);
      unusedSeen.add(stratum);
    }
  });
}

// docs/draw-spec.md §8 (matching itself is not re-run here): each entry names a visit once and at
// least two distinct inspectors. Qualification and recusal need data the bundle lacks.
function checkAssignment(value: unknown, visitIds: Set<string>): void {
  const assignment = array(value, 'assignment');
  const seen = new Set<string>();
  assignment.forEach((a, i) => {
    const at = `assignment[${i}]`;
    const entry = object(a, at);
    if (typeof entry.id !== 'string' || !visitIds.has(entry.id)) fail(`${at}.id`, 'the id of a visit', entry.id);
    if (seen.has(entry.id)) fail(`${at}.id`, 'each visit assigned once', entry.id);
    seen.add(entry.id);
    const inspectors = array(entry.inspectors, `${at}.inspectors`);
    const distinct = new Set(inspectors.filter((x) => typeof x === 'string' && x !== ''));
    if (distinct.size < 2 || distinct.size !== inspectors.length)
      fail(`${at}.inspectors`, 'at least 2 distinct inspector codes', inspectors);
  });
}

// docs/draw-spec.md §11 "§8 Joint tasks": with `joint_departments`, `assignment_teams` splits every
// assignment entry into one team per listed department and one of the visit's inspecting unit
// (a unit not listed), each ≥ 2 distinct codes, no code in two teams, together the entry's people.
function checkJointTeams(b: Record<string, unknown>): void {
  if (b.joint_departments === undefined && b.assignment_teams === undefined) return;
  const departments = array(b.joint_departments, 'joint_departments');
  departments.forEach((d, i) => {
    if (typeof d !== 'string' || d === '') fail(`joint_departments[${i}]`, 'a unit code', d);
    if (i > 0 && compareUtf8(departments[i - 1] as string, d) >= 0) fail(`joint_departments[${i}]`, 'unit codes ascending by bytes', d);
  });
  const listed = new Set(departments as string[]);
  const teams = array(b.assignment_teams, 'assignment_teams');
  const byVisit = new Map<string, { unit: string; inspectors: string[] }[]>();
  let previous: { visit: string; unit: string } | null = null;
  teams.forEach((t, i) => {
    const at = `assignment_teams[${i}]`;
    const team = object(t, at);
    if (typeof team.visit !== 'string') fail(`${at}.visit`, 'the id of a visit', team.visit);
    if (typeof team.unit !== 'string' || team.unit === '') fail(`${at}.unit`, 'a unit code', team.unit);
    if (previous && (compareUtf8(previous.visit, team.visit) || compareUtf8(previous.unit, team.unit)) >= 0)
      fail(`${at}`, 'teams ascending by visit id, then unit (bytes)', `${team.visit} ${team.unit}`);
    previous = { visit: team.visit, unit: team.unit };
    const inspectors = array(team.inspectors, `${at}.inspectors`);
    const distinct = new Set(inspectors.filter((x) => typeof x === 'string' && x !== ''));
    if (distinct.size < 2 || distinct.size !== inspectors.length)
      fail(`${at}.inspectors`, 'at least 2 distinct inspector codes', inspectors);
    byVisit.set(team.visit, [...(byVisit.get(team.visit) ?? []), { unit: team.unit, inspectors: inspectors as string[] }]);
  });
  const assignment = array(b.assignment, 'assignment') as { id: string; inspectors: string[] }[];
  const assigned = new Set(assignment.map((a) => a.id));
  for (const visit of byVisit.keys()) if (!assigned.has(visit)) fail('assignment_teams', `teams only for assigned visits`, visit);
  assignment.forEach((entry, i) => {
    const at = `assignment_teams(${entry.id})`;
    const visitTeams = byVisit.get(entry.id) ?? [];
    const units = visitTeams.map((t) => t.unit);
    for (const d of departments as string[]) if (!units.includes(d)) fail(at, `a team of ${d}`, units);
    const others = units.filter((u) => !listed.has(u));
    if (others.length !== 1) fail(at, 'exactly one team of the inspecting unit', others);
    const people = visitTeams.flatMap((t) => t.inspectors);
    if (new Set(people).size !== people.length) fail(at, 'no inspector in two teams', people);
    same(`assignment[${i}].inspectors`, JSON.stringify([...people].sort(compareUtf8)), JSON.stringify(entry.inspectors));
  });
}

function sameAllocation(at: string, expected: GroupAllocation, value: unknown): void {
  const found = object(value, at);
  const strata = strataOf(expected);
  same(`${at} strata`, strata.join(','), Object.keys(found).sort(strataOrder).join(','));
  for (const s of strata) {
    const f = object(found[s], `${at}.${s}`);
    same(`${at}.${s}.N`, expected[s]!.N, f.N);
    same(`${at}.${s}.n`, expected[s]!.n, f.n);
  }
}

const ENTRY_FIELDS = ['group', 'class', 'rank', 'id', 'ticket'] as const;

function sameEntries(name: string, expected: SampleEntry[], found: SampleEntry[]): void {
  const n = Math.min(expected.length, found.length);
  for (let i = 0; i < n; i++) {
    const f = object(found[i], `${name}[${i}]`);
    for (const key of ENTRY_FIELDS) same(`${name}[${i}].${key}`, expected[i]![key], f[key]);
  }
  same(`${name}.length`, expected.length, found.length);
}

function strataOf(allocation: GroupAllocation): Stratum[] {
  return allocation[ALL_OBJECTS] ? [ALL_OBJECTS] : [...RISK_CLASSES];
}

function strataOrder(a: string, b: string): number {
  return strataRank(a) - strataRank(b) || compareUtf8(a, b);
}

function strataRank(s: string): number {
  const i = (RISK_CLASSES as readonly string[]).indexOf(s);
  return i < 0 ? (s === ALL_OBJECTS ? -1 : 99) : i;
}

function parsed<T>(at: string, text: unknown, parse: (t: string) => T): T {
  if (typeof text !== 'string') fail(at, 'file text', text);
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof DrawError) fail(at, e.message, `line ${String(e.details.line ?? '?')}`);
    throw e;
  }
}

// RFC 3339 profile of ISO-8601 with an explicit offset: a timestamp without a zone is ambiguous.
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

function same(field: string, expected: unknown, found: unknown): void {
  if (expected !== found) fail(field, expected, found);
}

function fail(field: string, expected: unknown, found: unknown): never {
  throw new Mismatch(field, show(expected), show(found));
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === undefined) return '(missing)';
  return JSON.stringify(value);
}

function object(value: unknown, at: string): Record<string, any> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(at, 'JSON object', value);
  return value as Record<string, any>;
}

function array(value: unknown, at: string): unknown[] {
  if (!Array.isArray(value)) fail(at, 'JSON array', value);
  return value;
}

function lookup(root: unknown, path: string): unknown {
  let node: any = root;
  for (const part of path.split(/\.|\[|\]/).filter(Boolean)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = node[part];
  }
  return node;
}
