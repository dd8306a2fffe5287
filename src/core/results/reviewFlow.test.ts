import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import {
  type ResultRecordState,
  addCalendarMonths,
  availableActions,
  decidePublicationStop,
  isEditable,
  isPublic,
  newResultRecord,
  publishResult,
  requestPublicationStop,
  returnForRevision,
  startCorrection,
  stopEligibleFrom,
  submitForReview,
} from './index.ts';

/** The refusal a step throws: its kind (invalidState → 409, invalidInput → 400), message and details. */
function errorOf(step: () => unknown) {
  try {
    step();
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { kind: error.kind, message: error.message, details: error.details };
  }
  throw new Error('expected a refusal');
}

/** A step's new state, or its refusal. */
function outcomeOf(step: () => ResultRecordState): { ok: true; value: ResultRecordState } | { ok: false; error: DomainError } {
  try {
    return { ok: true, value: step() };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { ok: false, error };
  }
}

function deepFreeze<T>(object: T): T {
  if (object !== null && typeof object === 'object') {
    for (const inner of Object.values(object)) deepFreeze(inner);
    Object.freeze(object);
  }
  return object;
}

const PERIOD = 6; // months; a parameter (the seeds only say 规定期限)

function published(on = '2025-07-01'): ResultRecordState {
  return publishResult(submitForReview(newResultRecord(on)), { on });
}

describe('草稿 → 待审核 → 已公示 / 退回', () => {
  it('the happy path with one 退回', () => {
    const draft = newResultRecord('2025-06-20');
    expect(isEditable(draft)).toBe(true);
    const pending = submitForReview(draft);
    expect(pending.status).toBe('pendingReview');
    expect(isEditable(pending)).toBe(false);
    const returned = returnForRevision(pending, { on: '2025-06-21', reason: ' 未上传现场照片 ' });
    expect(returned.status).toBe('returned');
    expect(returned.returns).toEqual([{ version: 1, on: '2025-06-21', reason: '未上传现场照片' }]);
    const again = submitForReview(returned);
    const done = publishResult(again, { on: '2025-06-23' });
    expect(done).toMatchObject({ status: 'published', publicVersion: 1, firstPublishedOn: '2025-06-23' });
    expect(done.versions[0]!.publishedOn).toBe('2025-06-23');
    expect(isPublic(done)).toBe(true);
  });

  it('publishing before review, and 退回 without a reason, are refused with what to do', () => {
    expect(errorOf(() => publishResult(newResultRecord('2025-06-20'), { on: '2025-06-21' }))).toEqual({
      kind: 'invalidState',
      message: '检查结果当前状态为“草稿”（第 1 版），不能审核通过并公示；请先提交审核，审核通过后才能公示',
      details: { status: 'draft', version: 1, action: 'publish' },
    });
    const pending = submitForReview(newResultRecord('2025-06-20'));
    expect(errorOf(() => returnForRevision(pending, { on: '2025-06-21', reason: '  ' }))).toMatchObject({
      kind: 'invalidInput',
      message: '请填写退回原因（说明需要修改什么）',
    });
    expect(errorOf(() => submitForReview(pending)).message).toBe(
      '检查结果当前状态为“待审核”（第 1 版），不能提交审核；结果已在审核中，请等待审核人员审核',
    );
    expect(errorOf(() => publishResult(pending, { on: '2025-06-19' })).message).toBe(
      '公示日期 2025-06-19 早于第 1 版的创建日期 2025-06-20，请核对日期',
    );
  });

  it('a published result cannot be resubmitted: it needs a correction with a reason', () => {
    expect(errorOf(() => submitForReview(published())).message).toContain('请发起更正并填写更正原因');
  });
});

describe('corrections after publication are new versions', () => {
  it('version 2 is drafted while version 1 stays public, then replaces it', () => {
    const v1 = published('2025-07-01');
    expect(errorOf(() => startCorrection(v1, { on: '2025-07-05', reason: '' })).message).toBe('请填写更正原因');
    const correcting = startCorrection(v1, { on: '2025-07-05', reason: '检查日期录错' });
    expect(correcting).toMatchObject({ status: 'draft', version: 2, publicVersion: 1 });
    expect(correcting.versions[1]).toEqual({ version: 2, reason: '检查日期录错', createdOn: '2025-07-05', publishedOn: null });
    expect(isPublic(correcting)).toBe(true);
    const v2 = publishResult(submitForReview(correcting), { on: '2025-07-08' });
    expect(v2).toMatchObject({ publicVersion: 2, firstPublishedOn: '2025-07-01' });
  });
});

describe('停止公示 / 信用修复', () => {
  it('refused before the publication period ends, naming the first eligible day', () => {
    const record = published('2025-08-31');
    expect(stopEligibleFrom(record, PERIOD)).toBe('2026-02-28');
    expect(errorOf(() => requestPublicationStop(record, { on: '2026-02-27', reason: '已整改', publicationPeriodMonths: PERIOD }))).toEqual({
      kind: 'invalidState',
      message: '该结果于 2025-08-31 首次公示，须公示满 6 个月（2026-02-28 起）才能申请停止公示；请于 2026-02-28 或之后再申请',
      details: { action: 'requestStop', firstPublishedOn: '2025-08-31', eligibleFrom: '2026-02-28' },
    });
    const requested = requestPublicationStop(record, { on: '2026-02-28', reason: '已整改', publicationPeriodMonths: PERIOD });
    expect(availableActions(requested)).toEqual(['correct', 'decideStop']);
    expect(
      errorOf(() => requestPublicationStop(requested, { on: '2026-03-01', reason: '再次申请', publicationPeriodMonths: PERIOD })).message,
    ).toContain('正在审核');
  });

  it('a result never published has nothing to stop; the period must be configured', () => {
    expect(
      errorOf(() =>
        requestPublicationStop(newResultRecord('2025-06-20'), { on: '2027-01-01', reason: 'x', publicationPeriodMonths: PERIOD }),
      ).message,
    ).toContain('尚未公示');
    expect(errorOf(() => requestPublicationStop(published(), { on: '2027-01-01', reason: 'x', publicationPeriodMonths: 0 })).kind).toBe(
      'invalidInput',
    );
  });

  it('rejected with a reason, then approved: the result leaves the portal and nothing else is possible', () => {
    const record = published('2025-01-10');
    const asked = requestPublicationStop(record, { on: '2025-08-01', reason: '已整改', publicationPeriodMonths: PERIOD });
    expect(errorOf(() => decidePublicationStop(asked, { approve: false, on: '2025-08-02', reason: '' })).message).toBe(
      '请填写驳回理由（说明不符合哪项条件）',
    );
    const rejected = decidePublicationStop(asked, { approve: false, on: '2025-08-02', reason: '整改材料不全' });
    expect(rejected.stopRequests[0]).toMatchObject({ status: 'rejected', decisionReason: '整改材料不全' });
    expect(isPublic(rejected)).toBe(true);
    expect(errorOf(() => decidePublicationStop(rejected, { approve: true, on: '2025-08-03', reason: 'x' })).message).toContain(
      '没有待审核的停止公示申请',
    );
    const askedAgain = requestPublicationStop(rejected, { on: '2025-09-01', reason: '补齐材料', publicationPeriodMonths: PERIOD });
    const stopped = decidePublicationStop(askedAgain, { approve: true, on: '2025-09-03', reason: '符合条件' });
    expect(stopped.stoppedOn).toBe('2025-09-03');
    expect(isPublic(stopped)).toBe(false);
    expect(availableActions(stopped)).toEqual([]);
    expect(errorOf(() => startCorrection(stopped, { on: '2025-09-04', reason: 'x' })).message).toBe(
      '该检查结果已于 2025-09-03 停止公示，不能更正',
    );
  });
});

describe('addCalendarMonths', () => {
  it('clamps to the end of the month and crosses years', () => {
    expect(addCalendarMonths('2025-08-31', 6)).toBe('2026-02-28');
    expect(addCalendarMonths('2023-08-31', 6)).toBe('2024-02-29');
    expect(addCalendarMonths('2025-01-15', 36)).toBe('2028-01-15');
  });
});

type Step =
  | { kind: 'submit' }
  | { kind: 'return'; reason: string }
  | { kind: 'publish' }
  | { kind: 'correct'; reason: string }
  | { kind: 'request'; months: number }
  | { kind: 'decide'; approve: boolean };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.constant({ kind: 'submit' as const }),
  fc.record({ kind: fc.constant('return' as const), reason: fc.constantFrom('', '照片缺失') }),
  fc.constant({ kind: 'publish' as const }),
  fc.record({ kind: fc.constant('correct' as const), reason: fc.constantFrom('', '日期有误') }),
  fc.record({ kind: fc.constant('request' as const), months: fc.integer({ min: 0, max: 3 }) }),
  fc.record({ kind: fc.constant('decide' as const), approve: fc.boolean() }),
);

function apply(state: ResultRecordState, step: Step, on: string): ResultRecordState {
  switch (step.kind) {
    case 'submit':
      return submitForReview(state);
    case 'return':
      return returnForRevision(state, { on, reason: step.reason });
    case 'publish':
      return publishResult(state, { on });
    case 'correct':
      return startCorrection(state, { on, reason: step.reason });
    case 'request':
      return requestPublicationStop(state, { on, reason: '申请', publicationPeriodMonths: step.months });
    case 'decide':
      return decidePublicationStop(state, { approve: step.approve, on, reason: '理由' });
  }
}

describe('review flow: properties over random action sequences', () => {
  it('invariants hold, refusals leave the state untouched, and transitions never mutate their input', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 30 }), (steps) => {
        let state = deepFreeze(newResultRecord('2025-01-01'));
        let firstPublished: string | null = null;
        steps.forEach((step, index) => {
          const on = addCalendarMonths('2025-01-01', index); // one month per step: dates never go back
          const wasStopped = state.stoppedOn !== null;
          const outcome = outcomeOf(() => apply(state, step, on));
          if (!outcome.ok) {
            expect(outcome.error.message.length).toBeGreaterThan(5);
            return;
          }
          expect(wasStopped).toBe(false); // nothing succeeds once stopped
          state = deepFreeze(outcome.value);
          expect(state.versions).toHaveLength(state.version);
          expect(state.versions.map((v) => v.version)).toEqual(Array.from({ length: state.version }, (_, i) => i + 1));
          if (state.publicVersion !== null) expect(state.publicVersion).toBeLessThanOrEqual(state.version);
          if (state.status === 'published') expect(state.publicVersion).toBe(state.version);
          if (firstPublished !== null) expect(state.firstPublishedOn).toBe(firstPublished);
          firstPublished = state.firstPublishedOn;
          expect(state.stopRequests.filter((r) => r.status === 'requested').length).toBeLessThanOrEqual(1);
          if (state.stoppedOn !== null) expect(state.stopRequests.at(-1)!.status).toBe('approved');
          for (const request of state.stopRequests) expect(request.requestedOn >= addCalendarMonths(state.firstPublishedOn!, 1)).toBe(true);
        });
      }),
    );
  });
});
