// Review and publication of an inspection result ("Review": the ZJ platform's flow
// 草稿 → 待审核 → 已公示, or 退回 with a reason → 待审核 …), corrections after publication as
// new versions with a reason, and 停止公示 / 信用修复 (seed 003 十一).
//
// The publication period: seed 003 十一 only says a business may apply once the result "向社会
// 公示达到规定期限" — no seed gives the number, so the period is a
// parameter (`publicationPeriodMonths`, calendar months, no default) set by configuration. It
// counts from the FIRST publication of the result: a correction fixes the record, it does not
// restart the period (the business is not punished for the bureau's correction).
//
// Every transition is a pure function state → state that throws a DomainError (src/core/errors.ts)
// when the rule refuses; the caller stores the new state and writes the audit row in the same
// transaction.
import { type RepairStatus, type ResultStatus, repairStatusLabel, resultStatusLabel } from '../glossary.ts';
import { type DomainError, invalidInput, invalidState } from '../errors.ts';
import { dayOf, hasText } from './outcome.ts';

/** A step the record's state does not allow (→ 409). */
const refusedState = (message: string, details: Record<string, unknown>) => invalidState('result.notAllowed', message, details);
/** A step whose date, reason or setting is wrong (→ 400). */
const refusedInput = (message: string, details: Record<string, unknown>) => invalidInput('result.badInput', message, details);

export interface ResultVersionEntry {
  version: number;
  /** null for version 1; the correction reason for later versions. */
  reason: string | null;
  createdOn: string;
  publishedOn: string | null;
}

export interface ReturnNote {
  version: number;
  on: string;
  reason: string;
}

export interface PublicationStopRequest {
  status: RepairStatus;
  requestedOn: string;
  requestReason: string;
  decidedOn: string | null;
  decisionReason: string | null;
}

export interface ResultRecordState {
  /** Status of the latest (working) version. */
  status: ResultStatus;
  /** The latest version number (1-based). */
  version: number;
  versions: ResultVersionEntry[];
  /** The version the public sees; null until first published. A correction in progress leaves it unchanged. */
  publicVersion: number | null;
  firstPublishedOn: string | null;
  /** Every 退回, newest last; the last one is the reason to show while status is 'returned'. */
  returns: ReturnNote[];
  /** Set when a 停止公示 request was approved: the result leaves the portal. */
  stoppedOn: string | null;
  /** Every 停止公示 request, newest last; at most the last one is open ('requested'). */
  stopRequests: PublicationStopRequest[];
}

export type ResultAction = 'submit' | 'return' | 'publish' | 'correct' | 'requestStop' | 'decideStop';

export const resultActionLabel: Record<ResultAction, string> = {
  submit: '提交审核',
  return: '退回',
  publish: '审核通过并公示',
  correct: '更正',
  requestStop: '申请停止公示',
  decideStop: '审核停止公示申请',
};

/** A new result: version 1, 草稿. */
export function newResultRecord(createdOn: string): ResultRecordState {
  return {
    status: 'draft',
    version: 1,
    versions: [{ version: 1, reason: null, createdOn, publishedOn: null }],
    publicVersion: null,
    firstPublishedOn: null,
    returns: [],
    stoppedOn: null,
    stopRequests: [],
  };
}

/** Whether the portal shows the record (some version published and not stopped). */
export function isPublic(state: ResultRecordState): boolean {
  return state.publicVersion !== null && state.stoppedOn === null;
}

/** Whether the working version may be edited (草稿 or 退回). */
export function isEditable(state: ResultRecordState): boolean {
  return (state.status === 'draft' || state.status === 'returned') && state.stoppedOn === null;
}

function refuse(state: ResultRecordState, action: ResultAction, howToProceed: string): DomainError {
  return refusedState(
    `检查结果当前状态为“${resultStatusLabel[state.status]}”（第 ${state.version} 版），不能${resultActionLabel[action]}；${howToProceed}`,
    {
      status: state.status,
      version: state.version,
      action,
    },
  );
}

function requireDate(date: unknown, what: string): DomainError | null {
  return dayOf(date) === null
    ? refusedInput(`${what} ${JSON.stringify(date)} 不是有效日期，应写成 YYYY-MM-DD`, { field: what, value: date })
    : null;
}

function requireReason(reason: unknown, what: string): DomainError | null {
  return hasText(reason) ? null : refusedInput(`请填写${what}`, { field: 'reason' });
}

function notBefore(date: string, earliest: string, what: string, earliestWhat: string): DomainError | null {
  return dayOf(date)! < dayOf(earliest)!
    ? refusedInput(`${what} ${date} 早于${earliestWhat} ${earliest}，请核对日期`, { date, earliest })
    : null;
}

function stoppedRefusal(state: ResultRecordState, action: ResultAction): DomainError | null {
  return state.stoppedOn === null
    ? null
    : refusedState(`该检查结果已于 ${state.stoppedOn} 停止公示，不能${resultActionLabel[action]}`, {
        status: state.status,
        action,
        stoppedOn: state.stoppedOn,
      });
}

function latestVersion(state: ResultRecordState): ResultVersionEntry {
  return state.versions[state.versions.length - 1]!;
}

/** 草稿/退回 → 待审核. */
export function submitForReview(state: ResultRecordState): ResultRecordState {
  const stopped = stoppedRefusal(state, 'submit');
  if (stopped) throw stopped;
  if (state.status === 'pendingReview') throw refuse(state, 'submit', '结果已在审核中，请等待审核人员审核');
  if (state.status === 'published') throw refuse(state, 'submit', '已公示的结果不能直接修改；如需修改，请发起更正并填写更正原因');
  return { ...state, status: 'pendingReview' };
}

/** 待审核 → 退回, with the reason the inspector must address. */
export function returnForRevision(state: ResultRecordState, input: { on: string; reason: string }): ResultRecordState {
  if (state.status !== 'pendingReview') {
    throw refuse(state, 'return', state.status === 'published' ? '已公示的结果如有错误，请发起更正' : '只有待审核的结果可以退回');
  }
  const bad = requireReason(input.reason, '退回原因（说明需要修改什么）') ?? requireDate(input.on, '退回日期');
  if (bad) throw bad;
  return {
    ...state,
    status: 'returned',
    returns: [...state.returns, { version: state.version, on: input.on, reason: input.reason.trim() }],
  };
}

/** 待审核 → 已公示: the reviewed version becomes the public one. */
export function publishResult(state: ResultRecordState, input: { on: string }): ResultRecordState {
  const stopped = stoppedRefusal(state, 'publish');
  if (stopped) throw stopped;
  if (state.status !== 'pendingReview') {
    const how =
      state.status === 'published'
        ? '该版本已经公示'
        : state.status === 'returned'
          ? '结果已被退回，请检查人员修改后重新提交审核'
          : '请先提交审核，审核通过后才能公示';
    throw refuse(state, 'publish', how);
  }
  const latest = latestVersion(state);
  const bad = requireDate(input.on, '公示日期') ?? notBefore(input.on, latest.createdOn, '公示日期', `第 ${latest.version} 版的创建日期`);
  if (bad) throw bad;
  return {
    ...state,
    status: 'published',
    publicVersion: state.version,
    firstPublishedOn: state.firstPublishedOn ?? input.on,
    versions: state.versions.map((entry) => (entry.version === state.version ? { ...entry, publishedOn: input.on } : entry)),
  };
}

/**
 * 已公示 → a new version in 草稿, with the correction reason. The published version stays
 * public until the correction is reviewed and published in its turn.
 */
export function startCorrection(state: ResultRecordState, input: { on: string; reason: string }): ResultRecordState {
  const stopped = stoppedRefusal(state, 'correct');
  if (stopped) throw stopped;
  if (state.status !== 'published') {
    throw refuse(state, 'correct', '只有已公示的结果需要走更正流程；尚未公示的结果可直接修改后提交审核');
  }
  const latest = latestVersion(state);
  const bad =
    requireReason(input.reason, '更正原因') ??
    requireDate(input.on, '更正日期') ??
    notBefore(input.on, latest.publishedOn ?? latest.createdOn, '更正日期', '原公示日期');
  if (bad) throw bad;
  const version = state.version + 1;
  return {
    ...state,
    status: 'draft',
    version,
    versions: [...state.versions, { version, reason: input.reason.trim(), createdOn: input.on, publishedOn: null }],
  };
}

/** 'YYYY-MM-DD' plus whole calendar months; the 31st becomes the month's last day (08-31 + 6 → 02-28/29). */
export function addCalendarMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(targetYear, 4)}-${pad(targetMonth, 2)}-${pad(Math.min(day, lastDay), 2)}`;
}

/** The first day a 停止公示 request is accepted, or null before the first publication. */
export function stopEligibleFrom(state: ResultRecordState, publicationPeriodMonths: number): string | null {
  return state.firstPublishedOn === null ? null : addCalendarMonths(state.firstPublishedOn, publicationPeriodMonths);
}

function openRequest(state: ResultRecordState): PublicationStopRequest | null {
  const last = state.stopRequests[state.stopRequests.length - 1];
  return last !== undefined && last.status === 'requested' ? last : null;
}

/**
 * A business applies to stop the publication (seed 003 十一: only once the result has been
 * public for the 规定期限). Refused before that day, with the day it becomes possible.
 */
export function requestPublicationStop(
  state: ResultRecordState,
  input: { on: string; reason: string; publicationPeriodMonths: number },
): ResultRecordState {
  const stopped = stoppedRefusal(state, 'requestStop');
  if (stopped) throw stopped;
  if (!Number.isSafeInteger(input.publicationPeriodMonths) || input.publicationPeriodMonths < 1) {
    throw refusedInput(`公示期限应为不小于 1 的整月数，收到 ${String(input.publicationPeriodMonths)}；请在系统配置中设置`, {
      field: 'publicationPeriodMonths',
    });
  }
  const eligibleFrom = stopEligibleFrom(state, input.publicationPeriodMonths);
  if (eligibleFrom === null) throw refuse(state, 'requestStop', '该结果尚未公示，无需申请停止公示');
  const pending = openRequest(state);
  if (pending) {
    throw refusedState(`已有 ${pending.requestedOn} 提交的停止公示申请正在审核，请等待审核结果后再申请`, {
      action: 'requestStop',
      requestedOn: pending.requestedOn,
    });
  }
  const bad = requireReason(input.reason, '申请停止公示的理由（如已整改完毕的说明）') ?? requireDate(input.on, '申请日期');
  if (bad) throw bad;
  if (dayOf(input.on)! < dayOf(eligibleFrom)!) {
    throw refusedState(
      `该结果于 ${state.firstPublishedOn} 首次公示，须公示满 ${input.publicationPeriodMonths} 个月（${eligibleFrom} 起）才能申请停止公示；请于 ${eligibleFrom} 或之后再申请`,
      { action: 'requestStop', firstPublishedOn: state.firstPublishedOn, eligibleFrom },
    );
  }
  return {
    ...state,
    stopRequests: [
      ...state.stopRequests,
      { status: 'requested', requestedOn: input.on, requestReason: input.reason.trim(), decidedOn: null, decisionReason: null },
    ],
  };
}

/** Staff decide an open 停止公示 request, always with a reason; approval takes the result off the portal. */
export function decidePublicationStop(
  state: ResultRecordState,
  input: { approve: boolean; on: string; reason: string },
): ResultRecordState {
  const pending = openRequest(state);
  if (pending === null) {
    const last = state.stopRequests[state.stopRequests.length - 1];
    const how =
      last === undefined ? '该结果没有停止公示申请' : `最近一次申请已于 ${last.decidedOn ?? ''} ${repairStatusLabel[last.status]}`;
    throw refusedState(`没有待审核的停止公示申请，不能${resultActionLabel.decideStop}；${how}`, { action: 'decideStop' });
  }
  const bad =
    requireReason(input.reason, input.approve ? '同意停止公示的理由' : '驳回理由（说明不符合哪项条件）') ??
    requireDate(input.on, '审核日期') ??
    notBefore(input.on, pending.requestedOn, '审核日期', '申请日期');
  if (bad) throw bad;
  const decided: PublicationStopRequest = {
    ...pending,
    status: input.approve ? 'approved' : 'rejected',
    decidedOn: input.on,
    decisionReason: input.reason.trim(),
  };
  return {
    ...state,
    stoppedOn: input.approve ? input.on : state.stoppedOn,
    stopRequests: [...state.stopRequests.slice(0, -1), decided],
  };
}

/** The actions the current state allows (for buttons); requestStop ignores the period, which the server checks with the date. */
export function availableActions(state: ResultRecordState): ResultAction[] {
  if (state.stoppedOn !== null) return [];
  const actions: ResultAction[] = [];
  if (state.status === 'draft' || state.status === 'returned') actions.push('submit');
  if (state.status === 'pendingReview') actions.push('return', 'publish');
  if (state.status === 'published') actions.push('correct');
  if (state.publicVersion !== null) actions.push(openRequest(state) ? 'decideStop' : 'requestStop');
  return actions;
}
