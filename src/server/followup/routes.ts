// 后续处置台账 API: HTTP only — the schemas, one use case per route (followupCommands.ts).
import { z } from 'zod';
import { dateField } from '../http/fields.ts';
import { followUpMeasureLabel, ledgerStatusLabel, resultCategoryLabel } from '../../core/glossary.ts';
import { moduleRead, moduleWrite, routeGroup } from '../http/route.ts';
import { pagingQuery } from '../http/paging.ts';
import { codeOf, coreValue, day, paged } from '../http/wire.ts';
import { actOnFollowup, listFollowups, type StoredLedgerItem } from './followupCommands.ts';

const TAG = '后续处置';
const route = routeGroup(TAG);
const text = (what: string, max = 200) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 字`).describe(what);

const measureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), reason: text('无需后续处置的理由', 500) }),
  z.object({ kind: z.literal('orderCorrection'), deadline: dateField.describe('整改期限') }),
  z.object({
    kind: z.literal('referToEnforcement'),
    receivingBody: text('接收的执法办案机构'),
    transferredOn: dateField.describe('移送日期'),
  }),
  z.object({
    kind: z.literal('referToDepartment'),
    mode: z.enum(['notify', 'transfer']).describe('抄告或移送'),
    department: text('接收部门'),
    transferredOn: dateField.describe('抄告或移送日期'),
  }),
  z.object({ kind: z.literal('referToJudiciary'), receivingBody: text('接收的司法机关'), transferredOn: dateField.describe('移送日期') }),
  z.object({
    kind: z.literal('referToDiscipline'),
    receivingBody: text('接收的纪检监察机关'),
    transferredOn: dateField.describe('移送日期'),
  }),
]);

const stepSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('decide'), measure: measureSchema.describe('处置措施') }),
  z.object({
    action: z.literal('recheck'),
    on: dateField.describe('复查日期'),
    corrected: z.boolean({ message: '请选择复查结论：已整改或未整改到位' }).describe('是否整改到位'),
    note: text('复查情况', 500),
    people: z.array(text('复查人员姓名', 40)).min(1, '请填写复查人员（至少一人）').max(10, '复查人员最多 10 人').describe('复查人员'),
  }),
  z.object({ action: z.literal('caseNumber'), caseNumber: text('案件编号', 60), on: dateField.describe('立案日期') }),
  z.object({ action: z.literal('penaltyDecision'), decisionNumber: text('行政处罚决定书文号', 60), on: dateField.describe('决定日期') }),
  z.object({ action: z.literal('feedback'), on: dateField.describe('反馈日期'), from: text('反馈机构'), text: text('反馈内容', 1000) }),
  z.object({ action: z.literal('close') }),
]);

const followupItem = z.object({
  id: z.string(),
  unitCode: z.string(),
  resultId: z.string(),
  taskCode: z.string(),
  uscc: z.string(),
  entityName: z.string(),
  /** 市场主体, or the kind of the 其他检查对象 the item is about. */
  objectKindLabel: z.string(),
  itemName: z.string(),
  category: codeOf(resultCategoryLabel),
  categoryText: z.string(),
  status: codeOf(ledgerStatusLabel),
  statusText: z.string(),
  dueOn: day.nullable(),
  openedOn: day,
  closedOn: day.nullable(),
  overdue: z.boolean(),
  suggestedMeasure: codeOf(followUpMeasureLabel).nullable(),
  measureText: z.string().nullable(),
  state: coreValue<StoredLedgerItem>(),
});

export const listFollowupsRoute = route(moduleRead('followup'), 'GET /api/followups', {
  summary: '问题台账：本单位及下级单位的后续处置事项（未完结/已完结），含整改期限；分页，按期限、立项日期排列',
  query: z.object({
    ...pagingQuery,
    status: z.enum(['open', 'closed'], { message: '状态只能是 未完结 或 已完结，请重新选择' }).optional().describe('状态'),
  }),
  response: paged(followupItem).extend({ overdue: z.number().describe('逾期项数（全部符合条件的事项中）'), today: day }),
  handler: ({ app, caller, query }) => listFollowups(app.database.db, caller, query),
});

export const actOnFollowupRoute = route(moduleWrite('followup'), 'POST /api/followups/:id/actions', {
  summary:
    '处置台账事项：确定措施（无需处置/责令改正/移送执法办案机构/抄告或移送/移送司法机关/移送纪检监察）、复查、案件编号、处罚决定书文号、接收机构反馈、完结',
  params: z.object({ id: z.uuid().describe('台账编号') }),
  body: stepSchema,
  response: followupItem,
  handler: ({ app, caller, params, body }) => actOnFollowup(app.database.db, caller, { id: params.id, step: body }),
});

export const followupRoutes = [listFollowupsRoute, actOnFollowupRoute] as const;
