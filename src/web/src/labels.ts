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
export const inspectorCategoryName = (code: string) => labelIn(inspectorCategoryLabel, code);
export const unitKindName = (code: string) => labelIn(unitKindLabel, code);

const userStatusLabel = { active: '正常', disabled: '已停用' } as const;
export const userStatusName = (code: string) => labelIn(userStatusLabel, code);

// Audit actions the server records so far; new capabilities add theirs here
// (an unknown action is shown as its code).
const auditActionLabel = {
  'user.login': '登录',
  'user.logout': '退出登录',
  'user.locked': '账号锁定',
  'user.password_change': '修改密码',
  'user.create': '新建用户',
  'user.status': '变更用户状态',
  'session.switch': '切换单位/角色',
  'org.create': '新建机构',
  'demo.load': '加载演示数据',
} as const;
export const auditActionName = (code: string) => labelIn(auditActionLabel, code);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date (YYYY-MM-DD) of a Date. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "2026-03-05 14:07:09" in the browser's time zone; the raw text if unparsable. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${localDate(d)} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
