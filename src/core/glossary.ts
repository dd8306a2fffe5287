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
  directoryObject: '其他检查对象',
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
  drawCommit: '承诺',
  drawCeremony: '摇号',
  drawSeed: '种子',
  drawReserve: '备选',
  drawWitness: '见证人',
  taskNotice: '任务公告',
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

/**
 * The closed code sets of the domain with their Chinese labels, one table each, in display order:
 * code and the database keep the English code, whatever a person reads takes the label from here.
 */
export const labelTables = {
  /** Org unit kinds: 省局 → 市局 → 县局 → 股室/科室 and 市场监管所, plus 联合抽查成员单位. */
  unitKind: {
    province: '省级',
    city: '市级',
    county: '县级',
    office: '股室/科室',
    station: '市场监管所',
    department: '联合抽查成员单位',
  },
  /** Roles a user holds within a unit. */
  role: {
    admin: '系统管理员',
    planner: '信用监管科/股',
    staff: '业务科室',
    inspector: '执法检查人员',
    leader: '领导',
    auditor: '纪检/审计',
  },
  /** 主体类别 */
  subjectType: { enterprise: '企业', individual: '个体工商户', cooperative: '农民专业合作社', other: '其他组织' },
  /** 企业信用风险分类 */
  riskClass: { A: '低风险', B: '一般风险', C: '较高风险', D: '高风险' },
  /** 执法检查人员类别 */
  inspectorCategory: { enforcement: '执法人员', expert: '专业技术人员' },
  /**
   * 检查对象名录库中非市场主体的检查对象：产品、项目、行为 (seed 003 一(一)) and 标准 (企业标准、团体标准
   * 自我声明, seed 000 tasks 16–17).
   */
  objectKind: { product: '产品', project: '项目', behavior: '行为', standard: '标准' },
  /**
   * 抽查检查结果 (seed 003 七), in the seed's order; the order is also the order of the public
   * 检查结果 text. 合格/不合格 (product checks) are two codes.
   */
  resultCategory: {
    noProblem: '未发现问题',
    disclosureNotMade: '未按规定公示应当公示的信息',
    unreachableAtAddress: '通过登记的住所（经营场所）无法联系',
    refusedSeriously: '不配合检查情节严重',
    activityNotFound: '未发现开展本次抽查涉及的经营活动',
    problemOrderedToCorrect: '发现问题，依法责令立即改正或者限期改正',
    problemPendingInvestigation: '发现问题，待后续调查处理',
    productQualified: '合格',
    productUnqualified: '不合格',
    other: '其他情况',
  },
  /** 检查方式 (seed 003 (四)); several per item. */
  inspectionMethod: {
    onSite: '实地核查',
    documentary: '书面检查',
    onlineMonitoring: '网络监测',
    entrusted: '委托专业机构',
  },
  /** 检查结果的审核与公示状态 (the ZJ platform's flow). */
  resultStatus: { draft: '草稿', pendingReview: '待审核', returned: '退回', published: '已公示' },
  /** 停止公示（信用修复）申请状态 (seed 003 十一). */
  repairStatus: { requested: '已申请', approved: '同意', rejected: '驳回' },
  /** 后续处置措施 (seed 001 六, seed 000 五, seed 003 八: "谁监管、谁负责"). */
  followUpMeasure: {
    none: '无需后续处置',
    orderCorrection: '责令改正',
    referToEnforcement: '移送执法办案机构',
    referToDepartment: '抄告或移送其他部门',
    referToJudiciary: '移送司法机关',
    referToDiscipline: '移送纪检监察',
  },
  /** 问题台账状态 */
  ledgerStatus: { open: '未完结', closed: '已完结' },
  /** 待办事项 on the 工作台: what the signed-in role must do next. */
  todoKind: {
    enterResult: '录入检查结果',
    confirmResult: '确认检查结果',
    reviseResult: '按退回意见修改检查结果',
    reviewResult: '审核检查结果',
    followUp: '后续处置',
    publishPlan: '发布年度抽查计划',
    drawTask: '承诺并抽取',
    runCeremony: '公开摇号',
    matchInspectors: '匹配检查人员',
    publishSample: '公开抽取结果',
    planFiling: '下级计划备案',
  },
  /** 计划备案 of a subordinate bureau, as the upper unit's 备案 board shows it. */
  filingStatus: {
    filedOnTime: '按时备案',
    filedLate: '逾期备案',
    adjustedNotFiled: '调整后未重新备案',
    notFiledOverdue: '逾期未备案',
    notFiled: '未备案',
    noPlan: '未制定计划',
  },
} as const;

/** The codes of one label table. */
type CodeOf<K extends keyof typeof labelTables> = keyof (typeof labelTables)[K];

export const {
  unitKind: unitKindLabel,
  role: roleLabel,
  subjectType: subjectTypeLabel,
  riskClass: riskClassLabel,
  objectKind: objectKindLabel,
  inspectorCategory: inspectorCategoryLabel,
  resultCategory: resultCategoryLabel,
  inspectionMethod: inspectionMethodLabel,
  resultStatus: resultStatusLabel,
  repairStatus: repairStatusLabel,
  followUpMeasure: followUpMeasureLabel,
  ledgerStatus: ledgerStatusLabel,
  todoKind: todoKindLabel,
  filingStatus: filingStatusLabel,
} = labelTables;

// Org units and the people in them.
export type UnitKind = CodeOf<'unitKind'>;
export type Role = CodeOf<'role'>;
export type FilingStatus = CodeOf<'filingStatus'>;
export const roles = codesOf(roleLabel);

// The two directories, inspection results and their review.
export type SubjectType = CodeOf<'subjectType'>;
export type RiskClass = CodeOf<'riskClass'>;
export type ObjectKind = CodeOf<'objectKind'>;
export type InspectorCategory = CodeOf<'inspectorCategory'>;
export type ResultCategory = CodeOf<'resultCategory'>;

/** What is inspected: 市场主体 (no kind: the id is a 统一社会信用代码) or a kind of 其他检查对象 (its own code). */
export function objectKindText(kind: ObjectKind | null): string {
  return kind === null ? '市场主体' : objectKindLabel[kind];
}

/** The codes of a label table, in its order. */
export function codesOf<T extends object>(table: T): (keyof T & string)[] {
  return Object.keys(table) as (keyof T & string)[];
}

// After the visit: methods, review, credit repair, follow-up and the problem ledger; the workbench's to-dos.
export type InspectionMethod = CodeOf<'inspectionMethod'>;
export type ResultStatus = CodeOf<'resultStatus'>;
export type RepairStatus = CodeOf<'repairStatus'>;
export type FollowUpMeasure = CodeOf<'followUpMeasure'>;
export type LedgerStatus = CodeOf<'ledgerStatus'>;
export type TodoKind = CodeOf<'todoKind'>;
