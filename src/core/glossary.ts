// The one place where the Chinese domain terms map to code identifiers.
// UI text and docs use the Chinese term; code uses the English identifier.
export const glossary = {
  // 一单两库一指引
  checkItemList: '随机抽查事项清单',
  claimItem: '认领事项',
  objectDirectory: '检查对象名录库',
  subLibrary: '名录分库',
  inspectorDirectory: '执法检查人员名录库',
  inspectionGuide: '抽查指引',
  marketEntity: '市场主体',
  uscc: '统一社会信用代码',
  riskClass: '信用风险分类',
  // plans and tasks
  annualPlan: '年度抽查计划',
  task: '抽查任务',
  taskNumber: '任务编号',
  directed: '定向抽查',
  undirected: '不定向抽查',
  jointTask: '部门联合抽查',
  initiatingUnit: '发起部门',
  cooperatingUnit: '配合部门',
  filing: '备案',
  // draw and inspection
  draw: '摇号抽取',
  recusal: '回避',
  crossRegion: '交叉互查',
  visit: '检查户次',
  result: '检查结果',
  publication: '公示',
  followUp: '后续处置',
  creditRepair: '信用修复',
  auditLog: '审计日志',
} as const;

export type GlossaryKey = keyof typeof glossary;

/** Org unit kinds: 省局 → 市局 → 县局 → 股室/科室 and 市场监管所, plus 联合抽查成员单位. */
export const unitKindLabel = {
  province: '省级',
  city: '市级',
  county: '县级',
  office: '股室/科室',
  station: '市场监管所',
  department: '联合抽查成员单位',
} as const;
export type UnitKind = keyof typeof unitKindLabel;

/** Roles a user holds within a unit. */
export const roleLabel = {
  admin: '系统管理员',
  planner: '信用监管科/股',
  staff: '业务科室',
  inspector: '执法检查人员',
  leader: '领导',
  auditor: '纪检/审计',
} as const;
export type Role = keyof typeof roleLabel;
export const roles = Object.keys(roleLabel) as Role[];

/** 主体类别 */
export const subjectTypeLabel = {
  enterprise: '企业',
  individual: '个体工商户',
  cooperative: '农民专业合作社',
  other: '其他组织',
} as const;
export type SubjectType = keyof typeof subjectTypeLabel;

/** 企业信用风险分类 */
export const riskClassLabel = {
  A: '低风险',
  B: '一般风险',
  C: '较高风险',
  D: '高风险',
} as const;
export type RiskClass = keyof typeof riskClassLabel;

/** 执法检查人员类别 */
export const inspectorCategoryLabel = {
  enforcement: '执法人员',
  expert: '专业技术人员',
} as const;
export type InspectorCategory = keyof typeof inspectorCategoryLabel;
