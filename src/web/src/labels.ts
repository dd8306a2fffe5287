// Chinese labels for codes the API returns. Domain terms come from core/glossary;
// an unknown code is shown as-is rather than hidden.
import {
  inspectorCategoryLabel,
  objectKindText,
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
/**
 * How an inspected object is named by its code: a market entity by its 统一社会信用代码, any
 * other kind by its kind and its own code ('产品 · 对象编码 XK16-…'). `kindLabel` is the API's
 * objectKindLabel (市场主体 for a market entity).
 */
export const objectCodeText = (kindLabel: string, code: string) =>
  kindLabel === objectKindText(null) ? code : `${kindLabel} · 对象编码 ${code}`;

/** A visit as the results API gives it: a market entity (entity) or a 其他检查对象 (object), by its code. */
interface VisitObject {
  uscc: string;
  entity: { name: string } | null;
  object: { name: string; kindLabel: string } | null;
}
/** The name of what a visit inspects: the entity's, the object's, else its code. */
export const visitObjectName = (v: VisitObject) => v.entity?.name ?? v.object?.name ?? v.uscc;
/** What a visit's code is called: 统一社会信用代码, or 对象编码 for a 其他检查对象. */
export const visitCodeLabel = (v: VisitObject) => (v.object ? `${v.object.kindLabel}对象编码` : '统一社会信用代码');

const userStatusLabel = { active: '正常', disabled: '已停用' } as const;
export const userStatusName = (code: string) => labelIn(userStatusLabel, code);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date (YYYY-MM-DD) of a Date. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-03-05 14:07:09" in China Standard Time whatever the browser's time zone. */
export const formatDateTime = (iso: string) => formatChinaTime(iso);
