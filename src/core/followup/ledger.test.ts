import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../results/index.ts';
import {
  type LedgerItem,
  type Measure,
  closeLedgerItem,
  closingBlocker,
  decideMeasure,
  ledgerItemDue,
  openLedgerItem,
  recordCaseNumber,
  recordFeedback,
  recordPenaltyDecision,
  recordRecheck,
} from './index.ts';

function value<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) throw new Error(`expected success, got ${outcome.error.message}`);
  return outcome.value;
}

function errorOf<T>(outcome: Outcome<T>) {
  if (outcome.ok) throw new Error('expected an error');
  return outcome.error;
}

const opened = (): LedgerItem =>
  value(openLedgerItem({ taskNumber: '140981-2025-007', findingId: 'r12:SX-02', finding: '食品经营许可证过期', openedOn: '2025-06-20' }));

describe('opening', () => {
  it('a finding opens an item 未完结 with no measure', () => {
    expect(opened()).toMatchObject({ status: 'open', measure: null, taskNumber: '140981-2025-007' });
    expect(errorOf(openLedgerItem({ taskNumber: '', findingId: 'x', finding: 'y', openedOn: '2025-06-20' })).message).toBe(
      '请填写任务编号',
    );
  });
});

describe('责令改正', () => {
  const ordered = () => value(decideMeasure(opened(), { measure: { kind: 'orderCorrection', deadline: '2025-07-20' }, on: '2025-06-20' }));

  it('closes only after a re-check found it corrected', () => {
    const item = ordered();
    expect(ledgerItemDue(item)).toBe('2025-07-20');
    expect(errorOf(closeLedgerItem(item, { on: '2025-07-01' }))).toEqual({
      code: 'INVALID_STATE',
      message: '该问题不能完结：责令改正的问题须复查后才能完结；请在整改期限 2025-07-20 前后复查并登记结果',
      details: { action: 'close', measure: 'orderCorrection' },
    });
    const rechecked = value(
      recordRecheck(item, { on: '2025-07-18', corrected: true, note: '现场核对已取得许可证', people: ['张明', '李华'] }),
    );
    expect(ledgerItemDue(rechecked)).toBeNull();
    expect(errorOf(closeLedgerItem(rechecked, { on: '2025-07-17' })).message).toBe(
      '完结日期 2025-07-17 早于最近一次处置记录的日期 2025-07-18，请核对日期',
    );
    const closed = value(closeLedgerItem(rechecked, { on: '2025-07-18' }));
    expect(closed).toMatchObject({ status: 'closed', closedOn: '2025-07-18' });
    expect(errorOf(recordRecheck(closed, { on: '2025-07-19', corrected: true, note: '已整改', people: ['张明'] })).message).toContain(
      '已完结，不能登记复查结果',
    );
  });

  it('a re-check names its date, people and finding: nothing filled in records nothing', () => {
    const item = ordered();
    expect(errorOf(recordRecheck(item, { on: '2025-07-18', corrected: true, note: '', people: ['张明'] })).message).toBe(
      '请填写复查情况（核实了什么、看到了什么）',
    );
    expect(errorOf(recordRecheck(item, { on: '2025-07-18', corrected: true, note: '已取得许可证', people: [] })).message).toBe(
      '请填写复查人员（至少一人）',
    );
    expect(errorOf(recordRecheck(item, { on: '2025-07-18', corrected: true, note: '已取得许可证', people: ['  '] })).message).toBe(
      '请填写复查人员（至少一人）',
    );
    expect(errorOf(recordRecheck(item, { on: '', corrected: true, note: '已取得许可证', people: ['张明'] })).code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      value(recordRecheck(item, { on: '2025-07-18', corrected: true, note: ' 已取得许可证 ', people: [' 张明 ', ''] })).recheck,
    ).toEqual({
      on: '2025-07-18',
      corrected: true,
      note: '已取得许可证',
      people: ['张明'],
    });
  });

  it('a failed re-check blocks closing and allows switching to 移送执法办案机构', () => {
    const item = ordered();
    expect(errorOf(decideMeasure(item, { measure: { kind: 'none', reason: 'x' }, on: '2025-06-21' })).message).toBe(
      '该问题已确定处置措施“责令改正”，不能更换；责令改正的问题须先复查；复查未整改到位时才能改为其他措施',
    );
    expect(errorOf(recordRecheck(item, { on: '2025-07-21', corrected: false, note: '', people: ['张明'] })).message).toBe(
      '请填写未整改到位的情况说明',
    );
    const failed = value(recordRecheck(item, { on: '2025-07-21', corrected: false, note: '仍无证经营', people: ['张明'] }));
    expect(closingBlocker(failed)).toBe('复查未整改到位，不能完结；请改为移送执法办案机构等措施');
    const referred = value(
      decideMeasure(failed, {
        measure: { kind: 'referToEnforcement', receivingBody: '综合行政执法队', transferredOn: '2025-07-22' },
        on: '2025-07-22',
      }),
    );
    expect(referred.replacedMeasures).toHaveLength(1);
    expect(referred.replacedMeasures[0]!.recheck).toMatchObject({ corrected: false });
    expect(referred.recheck).toBeNull();
  });

  it('a deadline before the order is refused', () => {
    expect(
      errorOf(decideMeasure(opened(), { measure: { kind: 'orderCorrection', deadline: '2025-06-01' }, on: '2025-06-20' })).message,
    ).toBe('整改期限 2025-06-01 早于责令改正日期 2025-06-20，请核对日期');
  });
});

describe('移送执法办案机构', () => {
  const referred = () =>
    value(
      decideMeasure(opened(), {
        measure: { kind: 'referToEnforcement', receivingBody: '原平市市场监管局执法队', transferredOn: '2025-06-21' },
        on: '2025-06-21',
      }),
    );

  it('closing needs the case number; the penalty decision is linked later, even after closing', () => {
    const item = referred();
    expect(errorOf(closeLedgerItem(item, { on: '2025-06-30' })).message).toBe(
      '该问题不能完结：移送执法办案机构的问题须登记案件编号后才能完结；请向执法办案机构获取案件编号并登记',
    );
    expect(errorOf(recordPenaltyDecision(item, { decisionNumber: '原市监罚〔2025〕12号', on: '2025-07-01' })).message).toContain(
      '请先登记执法办案机构的案件编号',
    );
    const withCase = value(recordCaseNumber(item, { caseNumber: ' 原市监立〔2025〕88号 ', on: '2025-06-25' }));
    expect(withCase.caseNumber).toBe('原市监立〔2025〕88号');
    expect(errorOf(recordCaseNumber(withCase, { caseNumber: 'other', on: '2025-06-26' })).message).toContain('不能重复登记');
    const closed = value(closeLedgerItem(withCase, { on: '2025-06-25' }));
    const penalised = value(recordPenaltyDecision(closed, { decisionNumber: '原市监罚〔2025〕12号', on: '2025-09-01' }));
    expect(penalised).toMatchObject({ status: 'closed', taskNumber: '140981-2025-007', penaltyDecisionNumber: '原市监罚〔2025〕12号' });
  });

  it('a case number only for this measure', () => {
    expect(errorOf(recordCaseNumber(opened(), { caseNumber: 'x', on: '2025-06-25' })).message).toBe(
      '只有“移送执法办案机构”的问题才登记案件编号，该问题的处置措施为“未确定”',
    );
  });
});

describe('other measures', () => {
  it('无需后续处置 closes at once and needs a reason', () => {
    expect(errorOf(decideMeasure(opened(), { measure: { kind: 'none', reason: ' ' }, on: '2025-06-20' })).message).toBe(
      '请填写无需后续处置的理由',
    );
    expect(value(decideMeasure(opened(), { measure: { kind: 'none', reason: '当场改正' }, on: '2025-06-20' }))).toMatchObject({
      status: 'closed',
      closedOn: '2025-06-20',
    });
  });

  it('移送 another department closes after its feedback; 抄告 closes once sent', () => {
    const transfer: Measure = { kind: 'referToDepartment', mode: 'transfer', department: '原平市住建局', transferredOn: '2025-06-22' };
    const item = value(decideMeasure(opened(), { measure: transfer, on: '2025-06-22' }));
    expect(errorOf(closeLedgerItem(item, { on: '2025-06-30' })).message).toBe(
      '该问题不能完结：移送原平市住建局的问题须登记该部门的处理结果反馈后才能完结',
    );
    expect(errorOf(recordFeedback(item, { on: '2025-06-21', from: '原平市住建局', text: '已立案' })).message).toBe(
      '反馈日期 2025-06-21 早于移送日期 2025-06-22，请核对日期',
    );
    const answered = value(recordFeedback(item, { on: '2025-07-02', from: '原平市住建局', text: '已责令整改' }));
    expect(value(closeLedgerItem(answered, { on: '2025-07-02' })).status).toBe('closed');
    const notify = value(decideMeasure(opened(), { measure: { ...transfer, mode: 'notify' }, on: '2025-06-22' }));
    expect(closingBlocker(notify)).toBeNull();
  });

  it('移送司法机关 needs feedback; 移送纪检监察 closes once transferred', () => {
    const judiciary = value(
      decideMeasure(opened(), {
        measure: { kind: 'referToJudiciary', receivingBody: '原平市公安局', transferredOn: '2025-06-22' },
        on: '2025-06-22',
      }),
    );
    expect(closingBlocker(judiciary)).toBe('移送司法机关的问题须登记司法机关的受理或处理反馈后才能完结');
    const discipline = value(
      decideMeasure(opened(), {
        measure: { kind: 'referToDiscipline', receivingBody: '派驻纪检监察组', transferredOn: '2025-06-22' },
        on: '2025-06-22',
      }),
    );
    expect(closingBlocker(discipline)).toBeNull();
    expect(
      errorOf(
        recordFeedback(value(decideMeasure(opened(), { measure: { kind: 'orderCorrection', deadline: '2025-07-01' }, on: '2025-06-22' })), {
          on: '2025-06-23',
          from: 'x',
          text: 'y',
        }),
      ).code,
    ).toBe('INVALID_STATE');
  });

  it('closing without any measure is refused', () => {
    expect(errorOf(closeLedgerItem(opened(), { on: '2025-06-21' })).message).toBe('该问题不能完结：尚未确定处置措施，请先确定处置措施');
  });
});

type Op =
  | { kind: 'decide'; measure: Measure }
  | { kind: 'recheck'; corrected: boolean }
  | { kind: 'case' }
  | { kind: 'penalty' }
  | { kind: 'feedback' }
  | { kind: 'close' };

const measureArb: fc.Arbitrary<Measure> = fc.oneof(
  fc.constant<Measure>({ kind: 'none', reason: '当场改正' }),
  fc.constant<Measure>({ kind: 'orderCorrection', deadline: '2025-12-31' }),
  fc.constant<Measure>({ kind: 'referToEnforcement', receivingBody: '执法队', transferredOn: '2025-06-20' }),
  fc.constantFrom<Measure>(
    { kind: 'referToDepartment', mode: 'notify', department: '住建局', transferredOn: '2025-06-20' },
    { kind: 'referToDepartment', mode: 'transfer', department: '住建局', transferredOn: '2025-06-20' },
  ),
  fc.constant<Measure>({ kind: 'referToJudiciary', receivingBody: '公安局', transferredOn: '2025-06-20' }),
  fc.constant<Measure>({ kind: 'referToDiscipline', receivingBody: '纪检监察组', transferredOn: '2025-06-20' }),
);

const opArb: fc.Arbitrary<Op> = fc.oneof(
  measureArb.map((measure) => ({ kind: 'decide' as const, measure })),
  fc.boolean().map((corrected) => ({ kind: 'recheck' as const, corrected })),
  fc.constantFrom<Op>({ kind: 'case' }, { kind: 'penalty' }, { kind: 'feedback' }, { kind: 'close' }),
);

function run(item: LedgerItem, op: Op, on: string): Outcome<LedgerItem> {
  switch (op.kind) {
    case 'decide':
      return decideMeasure(item, { measure: op.measure, on });
    case 'recheck':
      return recordRecheck(item, { on, corrected: op.corrected, note: '说明', people: ['张明'] });
    case 'case':
      return recordCaseNumber(item, { caseNumber: `案-${on}`, on });
    case 'penalty':
      return recordPenaltyDecision(item, { decisionNumber: `罚-${on}`, on });
    case 'feedback':
      return recordFeedback(item, { on, from: '接收机构', text: '已处理' });
    case 'close':
      return closeLedgerItem(item, { on });
  }
}

describe('ledger: properties over random operation sequences', () => {
  it('a closed item never reopens, never changes measure, and met its closing requirement', () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 25 }), (ops) => {
        let item = opened();
        ops.forEach((op, index) => {
          const on = new Date(Date.UTC(2025, 5, 20 + index)).toISOString().slice(0, 10);
          const before = item;
          const outcome = run(item, op, on);
          if (!outcome.ok) return;
          item = outcome.value;
          if (before.status === 'closed') {
            expect(item.status).toBe('closed');
            expect(item.measure).toEqual(before.measure);
            expect(item.closedOn).toBe(before.closedOn);
          }
          if (item.status === 'closed') {
            expect(item.measure).not.toBeNull();
            expect(closingBlocker(item)).toBeNull();
            expect(item.closedOn! >= item.openedOn).toBe(true);
            if (item.measure!.kind === 'referToEnforcement') expect(item.caseNumber).not.toBeNull();
            if (item.measure!.kind === 'orderCorrection') expect(item.recheck?.corrected).toBe(true);
          }
          if (item.penaltyDecisionNumber !== null) expect(item.caseNumber).not.toBeNull();
          for (const replaced of item.replacedMeasures)
            expect(replaced).toMatchObject({ measure: { kind: 'orderCorrection' }, recheck: { corrected: false } });
        });
      }),
    );
  });
});
