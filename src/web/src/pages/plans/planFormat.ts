// How structured plan-task values read in the console and on the portal: "3%", "不低于20%",
// "20户", "1次/季度（4批）", "县抽县查"… The structured value, not the cell as written, so a
// planner sees what the system understood.
import { describeQuota, formatPercent } from '../../../../core/plan/quota.ts';
import type { Frequency, ModeCell, PlanStatus, Quota, RiskPolicy, VersionState } from './planTypes.ts';

export const planStatusText: Record<PlanStatus, string> = { draft: '草拟', published: '已发布', filed: '已备案' };
export const planStatusColor: Record<PlanStatus, string> = { draft: 'default', published: 'blue', filed: 'green' };
export const versionStateText: Record<VersionState, string> = { draft: '草稿', published: '已发布', superseded: '已替代' };
export const planKindText = { own: '本单位计划', joint: '部门联合抽查计划' } as const;

/** The quota as understood, the same words as the import preview and the command line use. */
export const quotaText = (quota: Quota | null): string => describeQuota(quota);

const perText: Record<Frequency['per'], string> = { year: '年', halfYear: '半年', quarter: '季度', month: '月' };

export function frequencyText(frequency: Frequency | null, batchesPerYear: number): string {
  if (!frequency) return batchesPerYear > 1 ? `${batchesPerYear}批/年` : '1次/年（未写明）';
  const base = `${frequency.times}次/${perText[frequency.per]}`;
  return frequency.batchesPerYear > 1 ? `${base}（每年${frequency.batchesPerYear}批）` : base;
}

export function riskPolicyText(policy: RiskPolicy | null): string {
  if (!policy) return '—';
  switch (policy.kind) {
    case 'escalating':
      return `按风险等级递加比例${policy.classes.length > 0 ? `（${policy.classes.join('/')}）` : ''}`;
    case 'perClass':
      return Object.entries(policy.basisPoints)
        .map(([cls, bp]) => `${cls}类${formatPercent(bp)}%`)
        .join('，');
    case 'notUsed':
      return `不使用：${policy.reason}`;
    case 'described':
      return `未写明用法：${policy.text}`;
    case 'notStated':
      return '未填写';
  }
}

/** Does the policy use the A/B/C/D classes (counts towards 风险分类应用率)? */
export function riskPolicyUsed(policy: RiskPolicy | null): boolean {
  return policy?.kind === 'escalating' || policy?.kind === 'perClass';
}

export function modeText(mode: ModeCell | null): string {
  if (!mode) return '—';
  return mode.modes.map((m) => m.code).join('、');
}

/** "2026-07-01" → "7月1日". */
function monthDay(iso: string): string {
  const [, m, d] = iso.split('-');
  return `${Number(m)}月${Number(d)}日`;
}

export function periodText(period: { start: string; end: string } | null): string {
  if (!period) return '—';
  return `${monthDay(period.start)}—${monthDay(period.end)}`;
}

export function taskTypeText(type: 'directed' | 'undirected' | null): string {
  return type === 'directed' ? '定向' : type === 'undirected' ? '不定向' : '—';
}

/** "1+X": the first item and how many more. */
export function itemsText(items: readonly string[]): string {
  if (items.length === 0) return '—';
  return items.length === 1 ? '1项' : `1+${items.length - 1}项`;
}

/** The current year in the browser (the plan year a planner most likely wants). */
export function currentYear(): number {
  return new Date().getFullYear();
}

/** Years offered in the year selectors: next year down to 2020. */
export function yearOptions(): { value: number; label: string }[] {
  const list: { value: number; label: string }[] = [];
  for (let y = currentYear() + 1; y >= 2020; y -= 1) list.push({ value: y, label: `${y}年度` });
  return list;
}
