// Chinese labels for codes the API returns. Domain terms come from core/glossary;
// an unknown code is shown as-is rather than hidden.
import {
  inspectorCategoryLabel,
  riskClassLabel,
  roleLabel,
  roles,
  subjectTypeLabel,
  unitKindLabel,
  type Role,
} from '../../core/glossary.ts';
import { formatChinaTime } from '../../core/chinaTime.ts';

function labelIn<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (!code) return '—';
  return Object.hasOwn(table, code) ? (table[code as keyof T] as string) : code;
}

export function asRole(code: string): Role | null {
  return (roles as string[]).includes(code) ? (code as Role) : null;
}

export const roleName = (code: string) => labelIn(roleLabel, code);
export const subjectTypeName = (code: string) => labelIn(subjectTypeLabel, code);
export const riskClassName = (code: string | null) => (code ? `${code} ${labelIn(riskClassLabel, code)}` : '未分类');
/** The four classes A–D to pick from, each as 'A 低风险'. */
export const riskClassOptions = (['A', 'B', 'C', 'D'] as const).map((value) => ({ value, label: riskClassName(value) }));
export const inspectorCategoryName = (code: string) => labelIn(inspectorCategoryLabel, code);
export const unitKindName = (code: string) => labelIn(unitKindLabel, code);

const userStatusLabel = { active: '正常', disabled: '已停用' } as const;
export const userStatusName = (code: string) => labelIn(userStatusLabel, code);


const pad = (n: number) => String(n).padStart(2, '0');

/** Local date (YYYY-MM-DD) of a Date. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-03-05 14:07:09" in China Standard Time whatever the browser's time zone. */
export const formatDateTime = (iso: string) => formatChinaTime(iso);
