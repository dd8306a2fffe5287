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
/** The four classes A–D to pick from, each as 'A 低风险'. */
export const riskClassOptions = (['A', 'B', 'C', 'D'] as const).map((value) => ({ value, label: riskClassName(value) }));
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
  'job.interrupted': '导入任务中断',
  'entity.tags': '个性化标注',
  'entity.risk_class': '更正风险分类',
  'check_items.import': '导入事项清单',
  'check_items.issue': '发布事项清单',
  'check_items.claim': '认领事项',
  'check_items.unclaim': '取消认领',
  'check_items.review_keep': '复核后保留认领',
  'check_items.review_drop': '复核后取消认领',
  'sub_library.create': '新建名录分库',
  'sub_library.update': '修改名录分库',
  'sub_library.delete': '删除名录分库',
  'sub_library.link_item': '事项关联分库',
  'sub_library.unlink_item': '取消事项关联',
  'directory_object.create': '新建检查对象',
  'directory_object.update': '修改检查对象',
  'directory_object.status': '停用/启用检查对象',
  'directory_object.import': '导入检查对象',
  'inspector.create': '新建检查人员',
  'inspector.update': '修改检查人员',
  'inspector.status': '变更人员状态',
  'inspector.import': '导入检查人员',
  'inspector.recusal.create': '登记回避',
  'inspector.recusal.end': '结束回避',
  'plan.create': '新建计划',
  'plan.edit': '修改计划草稿',
  'plan.task.add': '新增计划任务',
  'plan.task.edit': '修改计划任务',
  'plan.task.delete': '删除计划任务',
  'plan.publish': '发布计划',
  'plan.adjust': '调整计划',
  'plan.discard': '放弃调整',
  'plan.file': '计划备案',
  'plan.delete': '删除计划草稿',
  'plan.filingDeadline': '设置备案截止日期',
  'draw.commit': '抽取承诺',
  'draw.ceremony': '摇号抽取',
  'draw.void': '作废抽取',
  'draw.reserve': '启用备选',
  'draw.match': '匹配检查人员',
  'draw.swap': '调整检查人员',
  'draw.publishResult': '公开抽取结果',
  'result.create': '录入检查结果',
  'result.edit': '修改检查结果',
  'result.confirm': '确认检查结果',
  'result.submit': '提交审核',
  'result.return': '退回检查结果',
  'result.publish': '公示检查结果',
  'result.correct': '更正检查结果',
  'result.attachment': '上传附件',
  'result.stopRequest': '停止公示申请',
  'result.stopApproved': '同意停止公示',
  'result.stopRejected': '驳回停止公示',
  'result.abnormalListing': '列入经营异常名录',
  'followup.decide': '确定处置措施',
  'followup.recheck': '登记复查',
  'followup.caseNumber': '登记案件编号',
  'followup.penaltyDecision': '登记处罚决定书',
  'followup.feedback': '登记反馈',
  'followup.close': '台账完结',
} as const;
export const auditActionName = (code: string) => labelIn(auditActionLabel, code);

const pad = (n: number) => String(n).padStart(2, '0');

/** Local date (YYYY-MM-DD) of a Date. */
export function localDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * "2026-03-05 14:07:09" in China Standard Time (UTC+8, no daylight saving: the bureaus' clock)
 * whatever the browser's time zone; the raw text if unparsable.
 */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())}`;
}
