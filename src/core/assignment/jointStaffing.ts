// Staffing a joint inspection (部门联合抽查) across departments, docs/draw-spec.md §11 "§8 Joint
// tasks": every visit of a joint task gets one team from its inspecting unit and one from each
// member department the task names, each team matched by §8 on that department's own pool
// (its 执法检查人员名录库) with the same seed costs c(o, i). The departments' pools share no
// people, so the sum of the per-department minimums is the minimum of the whole; any correct
// solver agrees team by team. Pure: the same code runs in the server and in the browser verifier.
import { compareUtf8 } from '../draw/encoding.ts';
import {
  matchInspectors,
  type FairSharePool,
  type MatchingInput,
  type MatchingResult,
  type RecusedPerson,
  type UnstaffableVisit,
  type VisitAssignment,
} from './matchInspectors.ts';

/** A member department that sends its own team to every visit of a joint task. */
export interface JointDepartment {
  /** The department's unit code (its pool: the inspectors whose `unit` is this code). */
  code: string;
  /** Its name, for the reasons a visit cannot be staffed. */
  name?: string;
}

export interface JointMatchingInput extends MatchingInput {
  /** The member departments besides each visit's inspecting unit (one that is the inspecting unit adds nothing). */
  departments: readonly JointDepartment[];
}

/** One department's team on one visit (the bundle's `assignment_teams`, docs/draw-spec.md §11). */
export interface DepartmentTeam {
  visit: string;
  unit: string;
  inspectors: string[];
}

export type JointMatchingResult =
  | {
      assignments: VisitAssignment[];
      teams: DepartmentTeam[];
      totalCost: bigint;
      recused: RecusedPerson[];
      fairShare?: FairSharePool[];
    }
  | { infeasible: UnstaffableVisit[]; recused: RecusedPerson[]; fairShare?: FairSharePool[] };

/**
 * The joint staffing: the inspecting units' part as §8 (cross-region pool and all), then each
 * department's part as §8 over the department's own people (no cross-region pool). Either every
 * visit has every team, or the visits that cannot be staffed are named with the department.
 */
export function matchJointInspectors(input: JointMatchingInput): JointMatchingResult {
  const parts = jointParts(input);
  return joinParts(
    input,
    parts,
    parts.map((p) => matchInspectors(p.input)),
  );
}

/** The parts of a joint staffing, each matched on its own (docs/draw-spec.md §8): the inspecting units', then each department's. */
export interface JointPart {
  unit: string | null;
  name: string | null;
  input: MatchingInput;
}

export function jointParts(input: JointMatchingInput): JointPart[] {
  const { departments, ...base } = input;
  const parts: JointPart[] = [{ unit: null, name: null, input: base }];
  const ordered = [...new Map(departments.map((d) => [d.code, d])).values()].sort((a, b) => compareUtf8(a.code, b.code));
  for (const department of ordered) {
    const visits = input.visits.filter((v) => v.inspectingUnit !== department.code);
    if (visits.length === 0) continue;
    parts.push({
      unit: department.code,
      name: department.name ?? department.code,
      input: {
        ...base,
        crossRegion: null,
        inspectors: input.inspectors.filter((p) => p.unit === department.code),
        visits: visits.map((v) => ({ ...v, inspectingUnit: department.code, inspectingUnitName: department.name ?? department.code })),
      },
    });
  }
  return parts;
}

/** The joint result from each part's matching result (`results[k]` of `parts[k]`). */
export function joinParts(
  input: JointMatchingInput,
  jointParts: readonly JointPart[],
  results: readonly MatchingResult[],
): JointMatchingResult {
  const parts = jointParts.map((p, k) => ({ ...p, result: results[k]! }));
  const recused = parts.flatMap((p) => p.result.recused);
  const pools = parts.flatMap((p) => p.result.fairShare ?? []);
  const fairShare = pools.length > 0 ? { fairShare: pools } : {};
  const infeasible = parts.flatMap((p) =>
    'infeasible' in p.result ? p.result.infeasible.map((u) => (p.name ? { ...u, reason: `${p.name}：${u.reason}` } : u)) : [],
  );
  if (infeasible.length > 0) {
    return { infeasible: infeasible.sort((a, b) => compareUtf8(a.visitId, b.visitId)), recused, ...fairShare };
  }
  const teams: DepartmentTeam[] = [];
  const union = new Map<string, string[]>();
  let totalCost = 0n;
  for (const part of parts) {
    if ('infeasible' in part.result) continue;
    totalCost += part.result.totalCost;
    for (const a of part.result.assignments) {
      const unit = part.unit ?? input.visits.find((v) => v.id === a.id)!.inspectingUnit;
      teams.push({ visit: a.id, unit, inspectors: a.inspectors });
      union.set(a.id, [...(union.get(a.id) ?? []), ...a.inspectors]);
    }
  }
  teams.sort((a, b) => compareUtf8(a.visit, b.visit) || compareUtf8(a.unit, b.unit));
  const assignments = [...union]
    .map(([id, people]) => ({ id, inspectors: [...new Set(people)].sort(compareUtf8) }))
    .sort((a, b) => compareUtf8(a.id, b.id));
  return { assignments, teams, totalCost, recused, ...fairShare };
}
