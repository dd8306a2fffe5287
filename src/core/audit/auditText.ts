// The audit log in Chinese: each action's name, each object kind's name, and an audit row's
// summary ({ before, after, note }) as changed fields by their Chinese labels, before → after.
// One table for the console, the API and the tests; an action, object kind or field missing here
// never shows its code: it reads 其他操作 / 其他对象, and a field without a label is left to
// the row's 原始记录 (the raw JSON the console keeps for auditors).
import { formatChinaTime } from '../chinaTime.ts';
import {
  followUpMeasureLabel,
  inspectorCategoryLabel,
  ledgerStatusLabel,
  objectKindLabel,
  repairStatusLabel,
  resultCategoryLabel,
  resultStatusLabel,
  riskClassLabel,
  roleLabel,
  subjectTypeLabel,
  unitKindLabel,
} from '../glossary.ts';
import { planFieldLabel } from '../plan/columns.ts';

export const auditActionLabel: Readonly<Record<string, string>> = {
  'user.login': '登录',
  'user.logout': '退出登录',
  'user.locked': '账号锁定',
  'user.password_change': '修改密码',
  'user.password_reset': '重置密码',
  'user.create': '新建用户',
  'user.status': '变更用户状态',
  'user.linkInspector': '关联检查人员',
  'user.unlinkInspector': '取消关联检查人员',
  'user.inspector_left': '检查人员离岗，账号收回',
  'session.switch': '切换单位/角色',
  'org.create': '新建机构',
  'demo.load': '加载演示数据',
  'job.interrupted': '导入任务中断',
  'entity.import': '导入市场主体名录',
  'entity.risk_class_push': '导入风险分类推送',
  'entity.tags': '个性化标注',
  'entity.risk_class': '更正风险分类',
  'entity.risk_classification_import': '导入专业领域风险分级',
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
  'plan.columnMapping': '记住计划表列对应',
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
  'jointScheme.draft': '制定检查方案',
  'jointScheme.edit': '修改检查方案',
  'jointScheme.agree': '确认检查方案',
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
  'publicationRequest.submit': '收到停止公示申请',
  'publicationRequest.takeUp': '受理停止公示申请',
  'publicationRequest.approve': '同意停止公示申请',
  'publicationRequest.reject': '驳回停止公示申请',
  'followup.decide': '确定处置措施',
  'followup.recheck': '登记复查',
  'followup.caseNumber': '登记案件编号',
  'followup.penaltyDecision': '登记处罚决定书',
  'followup.feedback': '登记反馈',
  'followup.close': '台账完结',
  'indicator.target': '设置考核目标',
  'indicator.otherInspections': '登记其他检查户次',
};

export const auditObjectTypeLabel: Readonly<Record<string, string>> = {
  user: '用户',
  org_unit: '机构',
  database: '数据库',
  job: '导入任务',
  market_entity: '市场主体',
  entity_risk_classification_import: '专业领域风险分级导入',
  check_item_version: '事项清单',
  check_item_claim: '事项认领',
  sub_library: '名录分库',
  directory_object: '检查对象',
  directory_object_import: '检查对象导入',
  inspector: '检查人员',
  inspector_import: '检查人员导入',
  inspector_recusal: '回避登记',
  plan: '抽查计划',
  plan_task: '抽查任务',
  plan_column_mapping: '计划表列对应',
  plan_filing_deadline: '备案截止日期',
  draw: '抽取',
  joint_scheme: '联合检查方案',
  visit_result: '检查结果',
  followup_item: '问题台账事项',
  publication_request: '停止公示申请',
  indicator_target: '考核目标',
  indicator_other_inspections: '其他检查户次',
};

/** The Chinese name of an audit action; 其他操作 for one this table does not know. */
export const auditActionName = (action: string): string =>
  Object.hasOwn(auditActionLabel, action) ? auditActionLabel[action]! : '其他操作';
/** The Chinese name of an audit row's object kind; 其他对象 for one this table does not know. */
export const auditObjectTypeName = (objectType: string): string =>
  Object.hasOwn(auditObjectTypeLabel, objectType) ? auditObjectTypeLabel[objectType]! : '其他对象';

/** Field names in audit summaries (camelCase from commands, snake_case from directory rows). */
const fieldLabel: Readonly<Record<string, string>> = {
  ...planFieldLabel,
  status: '状态',
  since: '生效日期',
  status_since: '状态日期',
  note: '说明',
  reason: '原因',
  name: '名称',
  title: '标题',
  year: '年度',
  kind: '类型',
  tasks: '任务数',
  source: '来源文件',
  sourceFileName: '来源文件',
  deadline: '完成时限',
  docNumber: '文号',
  draftVersion: '草稿版本',
  publishedVersion: '发布版本',
  filedVersion: '备案版本',
  from: '来源',
  version: '版本',
  versionNo: '版本号',
  itemCount: '事项数',
  itemCodes: '事项编码',
  itemCode: '事项编码',
  responsibleOffice: '责任科室',
  localNote: '本级说明',
  added: '新增',
  changed: '修改',
  removed: '删除',
  issuedOn: '发布日期',
  claimsForReview: '待复核认领',
  claims: '认领',
  changedFields: '变更字段',
  decision: '复核结论',
  cells: '任务内容',
  undrawable: '暂不能抽取的任务',
  why: '原因',
  code: '编号',
  dueOn: '截止日期',
  username: '用户名',
  displayName: '姓名',
  homeUnitCode: '所属单位',
  unitCode: '单位',
  roles: '角色',
  role: '角色',
  address: '地址',
  inspector: '检查人员',
  inspectorRole: '执法检查人员角色',
  target: '目标值',
  count: '户次',
  total: '总行数',
  created: '新增',
  updated: '更新',
  unchanged: '未变',
  rows: '行数',
  inserted: '新增',
  errorRows: '错误行',
  warningRows: '警告行',
  unknownColumns: '未识别的列',
  receiptCode: '回执编号',
  decidedOn: '决定日期',
  drawCode: '抽取编号',
  commit: '承诺值',
  counts: '各风险分类户数',
  excluded: '排除',
  allocation: '分配方式',
  seed: '随机种子',
  sample: '抽中户数',
  witness: '见证人',
  reserves: '备选户数',
  replaced: '被替换对象',
  reserve: '备选对象',
  visits: '检查户次',
  done: '已完成户次',
  periodEnded: '任务期已结束',
  options: '匹配选项',
  fairShare: '按公平份额限额',
  capPerInspector: '每人上限',
  crossRegionUnits: '交叉互查单位',
  rematch: '重新匹配',
  uscc: '统一社会信用代码',
  checkedOn: '检查日期',
  publicText: '公示内容',
  followups: '转入问题台账',
  on: '日期',
  decisionNumber: '决定书文号',
  caseNumber: '案件编号',
  action: '步骤',
  measure: '处置措施',
  receivingBody: '接收机构',
  transferredOn: '移送日期',
  corrected: '是否整改到位',
  people: '复查人员',
  text: '内容',
  plans: '计划',
  units: '机构',
  users: '用户',
  entities: '市场主体',
  recusals: '回避',
  planTasks: '计划任务',
  inspectors: '检查人员',
  subLibraries: '名录分库',
  openFollowups: '未完结台账',
  checkItemClaims: '事项认领',
  inspectorLogins: '检查人员账号',
  directoryObjects: '检查对象',
  publishedResults: '已公示结果',
  tags: '标签',
  risk_class: '风险分类',
  riskClass: '风险分类',
  risk_class_since: '分类生效日期',
  riskClassSince: '分类生效日期',
  reg_status: '登记状态',
  legal_rep: '法定代表人',
  unit_code: '单位',
  industry_code: '行业',
  endedOn: '结束日期',
  endReason: '结束原因',
  short_name: '简称',
  parent_code: '上级机构',
  path: '机构路径',
  region_code: '区划',
  category: '类别',
  phone: '电话',
  id_number: '身份证号',
  qualifications: '资格',
  certificate_no: '执法证号',
  scope: '范围',
  rule: '规则',
  description: '说明',
  classification: '风险分类依据',
  ...Object.fromEntries(Object.entries(riskClassLabel).map(([code, label]) => [code, `${code} ${label}`])),
  U: '未分类',
};

/**
 * Internal ids of records the row refers to: the row's object column already names what was acted
 * on, so these are left to the raw record rather than shown as bare ids.
 */
export const AUDIT_INTERNAL_ID_FIELDS: ReadonlySet<string> = new Set([
  'drawId',
  'resultId',
  'versionId',
  'previousVersionId',
  'subLibraryId',
]);

/** Code values shown by their Chinese names, per field; status names depend on the object. */
const statusByObject: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  visit_result: resultStatusLabel,
  followup_item: ledgerStatusLabel,
  publication_request: repairStatusLabel,
  plan: { draft: '草稿', published: '已发布', filed: '已备案' },
  check_item_version: { draft: '草稿', issued: '已发布' },
  draw: { committed: '已承诺', drawn: '已抽取', voided: '已作废' },
  job: { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' },
};
const commonStatus: Readonly<Record<string, string>> = { active: '正常', inactive: '已停用', disabled: '已停用' };
const followupStepLabel = Object.fromEntries(
  Object.entries(auditActionLabel)
    .filter(([action]) => action.startsWith('followup.'))
    .map(([action, label]) => [action.slice('followup.'.length), label]),
);
const valueLabel: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kind: { own: '本部门计划', joint: '部门联合计划', ...followUpMeasureLabel, ...objectKindLabel, ...unitKindLabel },
  role: roleLabel,
  roles: roleLabel,
  subjectType: subjectTypeLabel,
  subject_type: subjectTypeLabel,
  category: { ...resultCategoryLabel, ...inspectorCategoryLabel },
  decision: { keep: '保留认领', drop: '取消认领' },
  action: followupStepLabel,
  riskClass: riskClassLabel,
  risk_class: riskClassLabel,
  why: { unlinked: '未关联名录分库', empty: '名录分库为 0 户' },
};

/** A field's label; undefined for one the table lacks (never a name inherited from Object). */
const labelOf = (field: string): string | undefined => (Object.hasOwn(fieldLabel, field) ? fieldLabel[field] : undefined);

export interface AuditChange {
  /** The field's Chinese label. */
  label: string;
  /** The value before the change; null when the summary records only the new value. */
  before: string | null;
  /** The value after the change; null when the summary records only the old value. */
  after: string | null;
}

export interface AuditSummaryText {
  changes: AuditChange[];
  note: string | null;
  /** Fields without a Chinese label: shown only in the 原始记录. */
  unlabelled: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const EMPTY = '（空）';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

function valueText(field: string, value: unknown, objectType: string, count: { unlabelled: number }): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') {
    const table =
      field === 'status'
        ? { ...commonStatus, ...(Object.hasOwn(statusByObject, objectType) ? statusByObject[objectType] : {}) }
        : Object.hasOwn(valueLabel, field)
          ? valueLabel[field]
          : undefined;
    if (table && Object.hasOwn(table, value)) return table[value]!;
    return INSTANT.test(value) ? formatChinaTime(value) : value;
  }
  if (Array.isArray(value)) return value.length === 0 ? '（无）' : value.map((v) => valueText(field, v, objectType, count)).join('、');
  if (isRecord(value)) {
    const parts: string[] = [];
    for (const [key, inner] of Object.entries(value)) {
      if (AUDIT_INTERNAL_ID_FIELDS.has(key)) continue;
      const label = labelOf(key);
      if (label === undefined) {
        count.unlabelled++;
        continue;
      }
      parts.push(`${label}：${valueText(key, inner, objectType, count)}`);
    }
    return parts.length > 0 ? parts.join('；') : '（见原始记录）';
  }
  return String(value);
}

/**
 * An audit row's summary as a person reads it: each field that changed by its Chinese label, with
 * its value before and after (only after for a new record, only before for a removed one), and
 * the note. Values are shown by their Chinese names where they are codes, times in China time.
 */
export function describeAuditSummary(summary: unknown, objectType = ''): AuditSummaryText {
  const count = { unlabelled: 0 };
  if (!isRecord(summary)) {
    return { changes: [], note: typeof summary === 'string' && summary !== '' ? summary : null, unlabelled: 0 };
  }
  const before = summary.before;
  const after = summary.after;
  const beforeFields = isRecord(before) ? before : {};
  const afterFields = isRecord(after) ? after : {};
  const changes: AuditChange[] = [];
  for (const key of [...new Set([...Object.keys(beforeFields), ...Object.keys(afterFields)])]) {
    if (AUDIT_INTERNAL_ID_FIELDS.has(key)) continue;
    const label = labelOf(key);
    if (label === undefined) {
      count.unlabelled++;
      continue;
    }
    const had = Object.hasOwn(beforeFields, key);
    const has = Object.hasOwn(afterFields, key);
    changes.push({
      label,
      before: had ? valueText(key, beforeFields[key], objectType, count) : null,
      after: has ? valueText(key, afterFields[key], objectType, count) : null,
    });
  }
  // A summary whose before or after is a plain value (not fields) still shows it.
  if (!isRecord(before) && before !== undefined && before !== null)
    changes.push({ label: '原值', before: valueText('', before, objectType, count), after: null });
  if (!isRecord(after) && after !== undefined && after !== null)
    changes.push({ label: '新值', before: null, after: valueText('', after, objectType, count) });
  const note = typeof summary.note === 'string' && summary.note !== '' ? summary.note : null;
  return { changes, note, unlabelled: count.unlabelled };
}

/** "状态：草稿 → 已发布" — one change as a line of text. */
export function auditChangeText(change: AuditChange): string {
  if (change.before !== null && change.after !== null) return `${change.label}：${change.before} → ${change.after}`;
  if (change.after !== null) return `${change.label}：${change.after}`;
  return `${change.label}：${change.before ?? EMPTY} → （已删除）`;
}
