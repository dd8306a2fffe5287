// Inspector matching, docs/draw-spec.md §8: random costs from
// the seed, minimum-total-cost feasible assignment by min-cost flow, named infeasibility.
export { assignmentCost, makeAssignmentCoster, type AssignmentCoster } from './cost.ts';
export {
  PLACES_PER_VISIT,
  minCostStaffing,
  type ShortGroup,
  type StaffingCandidate,
  type StaffingProblem,
  type StaffingResult,
  type StaffingVisit,
} from './minCostStaffing.ts';
export {
  matchInspectors,
  prepareMatching,
  DEFAULT_TUNING,
  type PreparedMatching,
  type MatchingInput,
  type MatchingInspector,
  type MatchingResult,
  type MatchingTuning,
  type MatchingVisit,
  type MatchingRecusal,
  type RecusedPerson,
  regionCovers,
  fairShareCap,
  type FairSharePool,
  recusalReason,
  type UnstaffableCode,
  type UnstaffableVisit,
  type VisitAssignment,
} from './matchInspectors.ts';
export { maxStaffablePlaces, staffingFeasible } from './staffingFeasible.ts';
export {
  implicitMaxStaffablePlaces,
  implicitStaffingFeasible,
  type ImplicitList,
  type ImplicitStaffingProblem,
  type ImplicitStaffingVisit,
} from './implicitFlow.ts';
export {
  matchJointInspectors,
  jointParts,
  joinParts,
  type JointPart,
  type DepartmentTeam,
  type JointDepartment,
  type JointMatchingInput,
  type JointMatchingResult,
} from './jointStaffing.ts';
