// Plan states: 草拟 → 已发布 → 已备案, and adjustments as new versions.
// A plan is edited only through a draft version: the first draft before publication, or an
// 调整 draft made from the published version. Published versions never change.

export type PlanStatus = 'draft' | 'published' | 'filed';

export interface PlanState {
  status: PlanStatus;
  /** The version the public sees, null before the first publication. */
  publishedVersion: number | null;
  /** The version filed with the upper unit, null when never filed. */
  filedVersion: number | null;
  /** The version being edited, null when there is none. */
  draftVersion: number | null;
}

export type PlanAction = 'edit' | 'publish' | 'adjust' | 'discard' | 'file';

export const planStatusLabel: Record<PlanStatus, string> = { draft: '草拟', published: '已发布', filed: '已备案' };

const actionLabel: Record<PlanAction, string> = { edit: '修改', publish: '发布', adjust: '调整', discard: '放弃调整', file: '备案' };

export type ActionCheck = { ok: true } | { ok: false; message: string };

function refuse(state: PlanState, action: PlanAction, how: string): ActionCheck {
  return { ok: false, message: `计划当前状态为“${describeState(state)}”，不能${actionLabel[action]}：${how}` };
}

export function describeState(state: PlanState): string {
  const base = planStatusLabel[state.status];
  if (state.draftVersion !== null && state.publishedVersion !== null) return `${base}（第${state.draftVersion}版调整中）`;
  return base;
}

/** Whether the action is allowed; when not, a message that says why and what to do instead. */
export function checkPlanAction(state: PlanState, action: PlanAction, input: { reason?: string } = {}): ActionCheck {
  switch (action) {
    case 'edit':
      if (state.draftVersion === null)
        return refuse(state, action, '已发布的版本不能直接修改，请先点击“调整计划”生成新版本草稿，修改后再发布。');
      return { ok: true };
    case 'publish':
      if (state.draftVersion === null) return refuse(state, action, '没有待发布的草稿；如需变更已发布的计划，请先“调整计划”。');
      if (state.publishedVersion !== null && (input.reason ?? '').trim().length < 4) {
        return { ok: false, message: `发布第${state.draftVersion}版调整时必须填写调整原因（至少 4 个字），原因将随新版本公示。` };
      }
      return { ok: true };
    case 'adjust':
      if (state.publishedVersion === null) return refuse(state, action, '计划尚未发布，请直接修改草稿后发布。');
      if (state.draftVersion !== null)
        return refuse(state, action, `已有第${state.draftVersion}版调整草稿，请继续编辑并发布它，或先放弃该草稿。`);
      return { ok: true };
    case 'discard':
      if (state.draftVersion === null || state.publishedVersion === null) {
        return refuse(state, action, state.draftVersion === null ? '没有调整中的草稿。' : '首版草稿不能放弃；不需要的计划请删除草稿。');
      }
      return { ok: true };
    case 'file':
      if (state.publishedVersion === null) return refuse(state, action, '请先发布计划，再报上级单位备案。');
      if (state.filedVersion === state.publishedVersion)
        return refuse(state, action, `第${state.publishedVersion}版已备案，无需重复备案。`);
      return { ok: true };
  }
}

/** The state after an allowed action; throws when checkPlanAction refuses it. */
export function applyPlanAction(state: PlanState, action: PlanAction, input: { reason?: string } = {}): PlanState {
  const check = checkPlanAction(state, action, input);
  if (!check.ok) throw new Error(check.message);
  switch (action) {
    case 'edit':
      return state;
    case 'publish':
      return { ...state, status: 'published', publishedVersion: state.draftVersion, draftVersion: null };
    case 'adjust':
      return { ...state, draftVersion: (state.publishedVersion ?? 0) + 1 };
    case 'discard':
      return { ...state, draftVersion: null };
    case 'file':
      return { ...state, status: 'filed', filedVersion: state.publishedVersion };
  }
}
