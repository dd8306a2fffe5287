// The problem ledger (问题台账) per finding: 后续处置 on the principle "谁监管、谁负责"
// (seed 001 六, seed 000 五, seed 003 八). Measures:
// - 无需后续处置 (with the reason) — closes at once;
// - 责令改正 with a deadline; closes only after a re-check found it corrected (a failed re-check
//   leads to another measure, typically 移送执法办案机构);
// - 移送执法办案机构: the enforcement office registers a case — closes only with the case number;
//   the penalty decision number follows later (also after closing), so that the 任务编号, the
//   object and the 行政处罚决定 are linked (seed 003 八);
// - 抄告 or 移送 another department (outside the bureau's remit): a 移送 closes only after the
//   receiving department's feedback (seed 001 六: 后续处理结果应及时反馈检查部门); a 抄告 only
//   informs and closes once sent;
// - 移送司法机关 (suspected crime): closes after the judiciary's feedback (受理/立案);
// - 移送纪检监察 (inspectors' misconduct): closes once transferred — the seeds ask only for a
//   timely transfer, and discipline bodies do not report back to the inspecting unit.
// Pure transitions item → Outcome<item>; the caller stores and audits.
import { type FollowUpMeasure, type LedgerStatus, followUpMeasureLabel, ledgerStatusLabel } from '../glossary.ts';
import { type Outcome, dayOf, hasText, invalidInput, invalidState, succeeded } from '../results/outcome.ts';

export type Measure =
  | { kind: 'none'; reason: string }
  | { kind: 'orderCorrection'; deadline: string }
  | { kind: 'referToEnforcement'; receivingBody: string; transferredOn: string }
  | { kind: 'referToDepartment'; mode: 'notify' | 'transfer'; department: string; transferredOn: string }
  | { kind: 'referToJudiciary'; receivingBody: string; transferredOn: string }
  | { kind: 'referToDiscipline'; receivingBody: string; transferredOn: string };

export const departmentReferralModeLabel = { notify: '抄告', transfer: '移送' } as const;

export interface Recheck {
  on: string;
  corrected: boolean;
  /** 复查情况: what the re-check found (required). */
  note: string;
  /** 复查人员: who re-checked (at least one name). Records made before this was required have none. */
  people: string[];
}

export interface Feedback {
  on: string;
  /** The receiving body that reported back. */
  from: string;
  text: string;
}

export interface ReplacedMeasure {
  measure: Measure;
  decidedOn: string;
  recheck: Recheck | null;
}

export interface LedgerItem {
  /** 任务编号 of the inspection task. */
  taskNumber: string;
  /** Identifies the finding (e.g. result id + item code). */
  findingId: string;
  /** The problem found, as entered with the result. */
  finding: string;
  openedOn: string;
  status: LedgerStatus;
  closedOn: string | null;
  measure: Measure | null;
  decidedOn: string | null;
  /** Measures replaced after a failed re-check, oldest first. */
  replacedMeasures: ReplacedMeasure[];
  recheck: Recheck | null;
  caseNumber: string | null;
  caseRecordedOn: string | null;
  penaltyDecisionNumber: string | null;
  penaltyRecordedOn: string | null;
  feedback: Feedback[];
}

const measureName = (measure: Measure | FollowUpMeasure): string => {
  const kind = typeof measure === 'string' ? measure : measure.kind;
  if (typeof measure !== 'string' && measure.kind === 'referToDepartment') return `${departmentReferralModeLabel[measure.mode]}其他部门`;
  return followUpMeasureLabel[kind];
};

function badDate<T>(value: unknown, what: string): Outcome<T> | null {
  return dayOf(value) === null
    ? invalidInput(`${what} ${JSON.stringify(value)} 不是有效日期，应写成 YYYY-MM-DD`, { field: what, value })
    : null;
}

function badText<T>(value: unknown, what: string): Outcome<T> | null {
  return hasText(value) ? null : invalidInput(`请填写${what}`, { field: what });
}

function before<T>(date: string, earliest: string | null, what: string, earliestWhat: string): Outcome<T> | null {
  if (earliest === null) return null;
  return dayOf(date)! < dayOf(earliest)!
    ? invalidInput(`${what} ${date} 早于${earliestWhat} ${earliest}，请核对日期`, { date, earliest })
    : null;
}

function requireOpen<T>(item: LedgerItem, doing: string): Outcome<T> | null {
  return item.status === 'open'
    ? null
    : invalidState(`该问题已于 ${item.closedOn ?? ''} ${ledgerStatusLabel.closed}，不能${doing}；如有新情况，请另行登记`, {
        status: item.status,
        action: doing,
      });
}

/** A new ledger entry for a finding (from a result with 发现问题 / 不合格 / 不配合检查情节严重). */
export function openLedgerItem(input: { taskNumber: string; findingId: string; finding: string; openedOn: string }): Outcome<LedgerItem> {
  const bad =
    badText<LedgerItem>(input.taskNumber, '任务编号') ??
    badText(input.findingId, '问题标识') ??
    badText(input.finding, '发现的问题') ??
    badDate(input.openedOn, '登记日期');
  if (bad) return bad;
  return succeeded({
    taskNumber: input.taskNumber.trim(),
    findingId: input.findingId.trim(),
    finding: input.finding.trim(),
    openedOn: input.openedOn,
    status: 'open',
    closedOn: null,
    measure: null,
    decidedOn: null,
    replacedMeasures: [],
    recheck: null,
    caseNumber: null,
    caseRecordedOn: null,
    penaltyDecisionNumber: null,
    penaltyRecordedOn: null,
    feedback: [],
  });
}

function checkMeasure(measure: Measure, on: string): Outcome<Measure> {
  switch (measure.kind) {
    case 'none':
      return badText(measure.reason, '无需后续处置的理由') ?? succeeded({ kind: 'none', reason: measure.reason.trim() });
    case 'orderCorrection': {
      const bad = badDate<Measure>(measure.deadline, '整改期限') ?? before(measure.deadline, on, '整改期限', '责令改正日期');
      return bad ?? succeeded(measure);
    }
    case 'referToDepartment': {
      if (measure.mode !== 'notify' && measure.mode !== 'transfer') {
        return invalidInput(`请选择抄告或移送（收到 ${JSON.stringify(measure.mode)}）`, { field: 'mode' });
      }
      const bad =
        badText<Measure>(measure.department, '接收部门') ??
        badDate(measure.transferredOn, `${departmentReferralModeLabel[measure.mode]}日期`);
      return bad ?? succeeded({ ...measure, department: measure.department.trim() });
    }
    case 'referToEnforcement':
    case 'referToJudiciary':
    case 'referToDiscipline': {
      const bad = badText<Measure>(measure.receivingBody, '接收机构') ?? badDate(measure.transferredOn, '移送日期');
      return bad ?? succeeded({ ...measure, receivingBody: measure.receivingBody.trim() });
    }
    default:
      return invalidInput(`处置措施 ${JSON.stringify((measure as { kind?: unknown }).kind)} 无效，请从列表中选择`, { field: 'kind' });
  }
}

/**
 * Choose the measure for an open finding. It can be replaced only after a 责令改正 re-check
 * found the problem not corrected (the usual next step: 移送执法办案机构). 无需后续处置 closes
 * the item on the same day.
 */
export function decideMeasure(item: LedgerItem, input: { measure: Measure; on: string }): Outcome<LedgerItem> {
  const closed = requireOpen<LedgerItem>(item, '确定处置措施');
  if (closed) return closed;
  const bad = badDate<LedgerItem>(input.on, '决定日期') ?? before(input.on, item.openedOn, '决定日期', '登记日期');
  if (bad) return bad;

  const replacing = item.measure !== null;
  if (replacing) {
    const failedRecheck = item.measure!.kind === 'orderCorrection' && item.recheck !== null && !item.recheck.corrected;
    if (!failedRecheck) {
      const how =
        item.measure!.kind === 'orderCorrection'
          ? '责令改正的问题须先复查；复查未整改到位时才能改为其他措施'
          : '如需补充处理情况，请登记接收机构的反馈';
      return invalidState(`该问题已确定处置措施“${measureName(item.measure!)}”，不能更换；${how}`, {
        action: 'decideMeasure',
        measure: item.measure!.kind,
      });
    }
    const tooEarly = before<LedgerItem>(input.on, item.recheck!.on, '决定日期', '复查日期');
    if (tooEarly) return tooEarly;
  }

  const checked = checkMeasure(input.measure, input.on);
  if (!checked.ok) return checked;
  const measure = checked.value;
  if (measure.kind !== 'none' && measure.kind !== 'orderCorrection') {
    const early = before<LedgerItem>(measure.transferredOn, item.openedOn, '移送日期', '登记日期');
    if (early) return early;
  }

  const replacedMeasures = replacing
    ? [...item.replacedMeasures, { measure: item.measure!, decidedOn: item.decidedOn!, recheck: item.recheck }]
    : item.replacedMeasures;
  const next: LedgerItem = { ...item, measure, decidedOn: input.on, replacedMeasures, recheck: null };
  return succeeded(measure.kind === 'none' ? { ...next, status: 'closed', closedOn: input.on } : next);
}

/** The re-check of a 责令改正 item. */
export function recordRecheck(item: LedgerItem, input: Recheck): Outcome<LedgerItem> {
  const closed = requireOpen<LedgerItem>(item, '登记复查结果');
  if (closed) return closed;
  if (item.measure?.kind !== 'orderCorrection') {
    return invalidState(`复查只适用于“责令改正”，该问题的处置措施为“${item.measure ? measureName(item.measure) : '未确定'}”`, {
      action: 'recordRecheck',
    });
  }
  if (item.recheck !== null) {
    return invalidState(`该问题已于 ${item.recheck.on} 登记复查结果（${item.recheck.corrected ? '已整改' : '未整改到位'}），不能重复登记`, {
      action: 'recordRecheck',
    });
  }
  const bad =
    badDate<LedgerItem>(input.on, '复查日期') ??
    before(input.on, item.decidedOn, '复查日期', '责令改正日期') ??
    (typeof input.corrected === 'boolean' ? null : invalidInput('请选择复查结论：已整改或未整改到位', { field: 'corrected' })) ??
    badText(input.note, input.corrected ? '复查情况（核实了什么、看到了什么）' : '未整改到位的情况说明') ??
    (Array.isArray(input.people) && input.people.some(hasText) ? null : invalidInput('请填写复查人员（至少一人）', { field: 'people' }));
  if (bad) return bad;
  const people = input.people.filter(hasText).map((p) => p.trim());
  return succeeded({ ...item, recheck: { on: input.on, corrected: input.corrected, note: input.note.trim(), people } });
}

/** The case number the enforcement office registered (立案). */
export function recordCaseNumber(item: LedgerItem, input: { caseNumber: string; on: string }): Outcome<LedgerItem> {
  if (item.measure?.kind !== 'referToEnforcement') {
    return invalidState(
      `只有“移送执法办案机构”的问题才登记案件编号，该问题的处置措施为“${item.measure ? measureName(item.measure) : '未确定'}”`,
      {
        action: 'recordCaseNumber',
      },
    );
  }
  if (item.caseNumber !== null) {
    return invalidState(`该问题已登记案件编号 ${item.caseNumber}，不能重复登记；如编号有误，请联系管理员更正`, {
      action: 'recordCaseNumber',
    });
  }
  const bad =
    badText<LedgerItem>(input.caseNumber, '案件编号') ??
    badDate(input.on, '登记日期') ??
    before(input.on, item.measure.transferredOn, '登记日期', '移送日期');
  if (bad) return bad;
  return succeeded({ ...item, caseNumber: input.caseNumber.trim(), caseRecordedOn: input.on });
}

/**
 * The 行政处罚决定书 number, linked to the 任务编号 through this item (seed 003 八). Allowed
 * after closing: the penalty decision usually comes long after the case is registered.
 */
export function recordPenaltyDecision(item: LedgerItem, input: { decisionNumber: string; on: string }): Outcome<LedgerItem> {
  if (item.caseNumber === null) {
    return invalidState('尚未登记案件编号，不能登记行政处罚决定书文号；请先登记执法办案机构的案件编号', {
      action: 'recordPenaltyDecision',
    });
  }
  if (item.penaltyDecisionNumber !== null) {
    return invalidState(`该问题已登记行政处罚决定书文号 ${item.penaltyDecisionNumber}，不能重复登记`, { action: 'recordPenaltyDecision' });
  }
  const bad =
    badText<LedgerItem>(input.decisionNumber, '行政处罚决定书文号') ??
    badDate(input.on, '登记日期') ??
    before(input.on, item.caseRecordedOn, '登记日期', '案件编号登记日期');
  if (bad) return bad;
  return succeeded({ ...item, penaltyDecisionNumber: input.decisionNumber.trim(), penaltyRecordedOn: input.on });
}

/** Feedback from the receiving body of a referral (also after closing: results keep coming back). */
export function recordFeedback(item: LedgerItem, input: Feedback): Outcome<LedgerItem> {
  const measure = item.measure;
  if (measure === null || measure.kind === 'none' || measure.kind === 'orderCorrection') {
    return invalidState(`只有移送或抄告的问题才登记接收机构反馈，该问题的处置措施为“${measure ? measureName(measure) : '未确定'}”`, {
      action: 'recordFeedback',
    });
  }
  const bad =
    badText<LedgerItem>(input.from, '反馈机构') ??
    badText(input.text, '反馈内容') ??
    badDate(input.on, '反馈日期') ??
    before(input.on, measure.transferredOn, '反馈日期', '移送日期');
  if (bad) return bad;
  return succeeded({ ...item, feedback: [...item.feedback, { on: input.on, from: input.from.trim(), text: input.text.trim() }] });
}

/** What closing still needs, in Chinese; null when the item may be closed. */
export function closingBlocker(item: LedgerItem): string | null {
  const measure = item.measure;
  if (measure === null) return '尚未确定处置措施，请先确定处置措施';
  switch (measure.kind) {
    case 'none':
      return null;
    case 'orderCorrection':
      if (item.recheck === null) return `责令改正的问题须复查后才能完结；请在整改期限 ${measure.deadline} 前后复查并登记结果`;
      return item.recheck.corrected ? null : '复查未整改到位，不能完结；请改为移送执法办案机构等措施';
    case 'referToEnforcement':
      return item.caseNumber === null ? '移送执法办案机构的问题须登记案件编号后才能完结；请向执法办案机构获取案件编号并登记' : null;
    case 'referToDepartment':
      return measure.mode === 'transfer' && item.feedback.length === 0
        ? `移送${measure.department}的问题须登记该部门的处理结果反馈后才能完结`
        : null;
    case 'referToJudiciary':
      return item.feedback.length === 0 ? '移送司法机关的问题须登记司法机关的受理或处理反馈后才能完结' : null;
    case 'referToDiscipline':
      return null;
  }
}

/** 未完结 → 已完结, when the measure's requirement is met. */
export function closeLedgerItem(item: LedgerItem, input: { on: string }): Outcome<LedgerItem> {
  const closed = requireOpen<LedgerItem>(item, '完结');
  if (closed) return closed;
  const blocker = closingBlocker(item);
  if (blocker !== null) return invalidState(`该问题不能完结：${blocker}`, { action: 'close', measure: item.measure?.kind ?? null });
  const latestEvent = [item.decidedOn, item.recheck?.on ?? null, item.caseRecordedOn, ...item.feedback.map((f) => f.on)]
    .filter((date): date is string => date !== null)
    .sort()
    .at(-1);
  const bad =
    badDate<LedgerItem>(input.on, '完结日期') ?? before(input.on, latestEvent ?? item.openedOn, '完结日期', '最近一次处置记录的日期');
  if (bad) return bad;
  return succeeded({ ...item, status: 'closed', closedOn: input.on });
}

/** The date an open item is due by (the rectification deadline), or null when it has none. */
export function ledgerItemDue(item: LedgerItem): string | null {
  return item.status === 'open' && item.measure?.kind === 'orderCorrection' && item.recheck === null ? item.measure.deadline : null;
}
