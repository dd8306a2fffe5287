// ssj-draw/1, the verifiable draw (docs/draw-spec.md): pure, runs in
// Node and the browser. The flow: frame → commit → seed → allocation → tickets →
// selection → visits → bundle → verify.
export { DRAW_SPEC, TAGS, compareUtf8, encodeTagged, taggedHash, taggedHashHex } from './encoding.ts';
export { DrawError, type DrawErrorCode } from './errors.ts';
export {
  RISK_CLASSES,
  countByClass,
  eligibleEntries,
  fileHash,
  formatExclusions,
  formatFrame,
  parseExclusions,
  parseFrame,
  type Exclusion,
  type FrameEntry,
  type RiskClass,
} from './frame.ts';
export { parseRate, ceilTimes, type Fraction } from './rate.ts';
export {
  SOURCE_KINDS,
  paramsHash,
  validateParams,
  type AllocationSpec,
  type DrawParams,
  type GroupParams,
  type SourceKind,
  type SourceParams,
} from './params.ts';
export { computeCommit, hashGroupFiles, type GroupFiles, type GroupHashes } from './commit.ts';
export { checkSourceValues, deriveSeed, operatorCommitment, type SourceValue } from './seed.ts';
export {
  ALL_OBJECTS,
  DEFAULT_WEIGHTS,
  allocateByRiskClass,
  type GroupAllocation,
  type Stratum,
  type StratumAllocation,
} from './allocation.ts';
export { compareTickets, makeTicketer, type Ticketer } from './tickets.ts';
export { reserveLength, selectGroup, type GroupSelection, type ReserveEntry, type SampleEntry } from './selection.ts';
export { buildVisits, type Visit } from './visits.ts';
export { MERGE_SEPARATOR, drawCodeOf, mergeSelectionProblem, mergedGroups, type MergedTask } from './merge.ts';
export {
  commitDraw,
  commitDrawFromBytes,
  drawGroups,
  runDraw,
  toPublicBundle,
  type AllocationRecord,
  type AssignmentRecord,
  type AuditorGroup,
  type CommitRecord,
  type DrawBundle,
  type DrawInput,
  type PublicGroup,
} from './bundle.ts';
export { describeVerifyResult, verifyBundle, type VerifyResult } from './verify.ts';
