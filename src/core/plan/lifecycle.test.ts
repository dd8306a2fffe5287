import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyPlanAction, checkPlanAction, type PlanAction, type PlanState } from './lifecycle.ts';

const fresh: PlanState = { status: 'draft', publishedVersion: null, filedVersion: null, draftVersion: 1 };

describe('plan lifecycle', () => {
  it('goes 草拟 → 已发布 → 已备案, and an adjustment needs a reason and re-filing', () => {
    expect(checkPlanAction(fresh, 'file')).toEqual({ ok: false, message: expect.stringContaining('请先发布计划') as string });
    const published = applyPlanAction(fresh, 'publish');
    expect(published).toEqual({ status: 'published', publishedVersion: 1, filedVersion: null, draftVersion: null });
    expect(checkPlanAction(published, 'edit').ok).toBe(false);
    const filed = applyPlanAction(published, 'file');
    expect(filed.status).toBe('filed');
    expect(checkPlanAction(filed, 'file').ok).toBe(false);
    const adjusting = applyPlanAction(filed, 'adjust');
    expect(adjusting.draftVersion).toBe(2);
    expect(checkPlanAction(adjusting, 'adjust').ok).toBe(false);
    expect(checkPlanAction(adjusting, 'publish', { reason: '' })).toMatchObject({ ok: false });
    expect(checkPlanAction(adjusting, 'publish', { reason: '增加加油站专项任务' }).ok).toBe(true);
    const republished = applyPlanAction(adjusting, 'publish', { reason: '增加加油站专项任务' });
    expect(republished).toMatchObject({ status: 'published', publishedVersion: 2, filedVersion: 1 });
    expect(checkPlanAction(republished, 'file').ok).toBe(true);
  });

  it('never publishes without a draft, never leaves two drafts, and filed means the published version', () => {
    const actions = fc.array(fc.constantFrom<PlanAction>('edit', 'publish', 'adjust', 'discard', 'file'), { maxLength: 30 });
    fc.assert(
      fc.property(actions, (list) => {
        let state = fresh;
        for (const action of list) {
          if (!checkPlanAction(state, action, { reason: '调整原因说明' }).ok) continue;
          const next = applyPlanAction(state, action, { reason: '调整原因说明' });
          // A discarded adjustment draft is deleted, so its number is used again.
          if (action === 'adjust') expect(next.draftVersion).toBe((state.publishedVersion ?? 0) + 1);
          if (action === 'publish') expect(next.publishedVersion).toBe(state.draftVersion);
          state = next;
          if (state.status === 'filed') expect(state.filedVersion).toBe(state.publishedVersion);
          if (state.publishedVersion !== null && state.draftVersion !== null) expect(state.draftVersion).toBe(state.publishedVersion + 1);
        }
      }),
    );
  });
});
