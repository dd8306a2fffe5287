// 后续处置台账 API (issue 6, "谁监管、谁负责"): the open and closed items of the caller's units,
// and the steps of src/core/followup/ledger.ts — measure, re-check, case number, penalty
// decision, feedback, close — each audited.
import { z } from 'zod';
import { dateField } from '../http/fields.ts';
import {
  closeLedgerItem,
  decideMeasure,
  ledgerItemDue,
  recordCaseNumber,
  recordFeedback,
  recordPenaltyDecision,
  recordRecheck,
  type LedgerItem,
  type Measure,
} from '../../core/followup/index.ts';
import type { Outcome } from '../../core/results/index.ts';
import { followUpMeasureLabel, ledgerStatusLabel, resultCategoryLabel } from '../../core/glossary.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import { AppError } from '../http/errors.ts';
import { defineRoute, moduleRead, moduleWrite, requireCaller, type AnyRoute } from '../http/route.ts';

const TAG = '后续处置';
const text = (what: string, max = 200) => z.string().trim().min(1, `请填写${what}`).max(max, `${what}最多 ${max} 字`);

const measureSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none'), reason: text('无需后续处置的理由', 500) }),
  z.object({ kind: z.literal('orderCorrection'), deadline: dateField }),
  z.object({ kind: z.literal('referToEnforcement'), receivingBody: text('接收的执法办案机构'), transferredOn: dateField }),
  z.object({
    kind: z.literal('referToDepartment'),
    mode: z.enum(['notify', 'transfer']),
    department: text('接收部门'),
    transferredOn: dateField,
  }),
  z.object({ kind: z.literal('referToJudiciary'), receivingBody: text('接收的司法机关'), transferredOn: dateField }),
  z.object({ kind: z.literal('referToDiscipline'), receivingBody: text('接收的纪检监察机关'), transferredOn: dateField }),
]);

const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('decide'), measure: measureSchema }),
  z.object({ action: z.literal('recheck'), on: dateField, corrected: z.boolean(), note: z.string().trim().max(500).default('') }),
  z.object({ action: z.literal('caseNumber'), caseNumber: text('案件编号', 60), on: dateField }),
  z.object({ action: z.literal('penaltyDecision'), decisionNumber: text('行政处罚决定书文号', 60), on: dateField }),
  z.object({ action: z.literal('feedback'), on: dateField, from: text('反馈机构'), text: text('反馈内容', 1000) }),
  z.object({ action: z.literal('close') }),
]);

function view(r: {
  id: string;
  unit_code: string;
  result_id: string;
  task_code: string;
  uscc: string;
  entity_name: string;
  item_name: string;
  category: string;
  status: 'open' | 'closed';
  due_on: string | null;
  state: unknown;
  opened_on: string;
  closed_on: string | null;
}) {
  const state = r.state as LedgerItem & { suggestedMeasure?: keyof typeof followUpMeasureLabel };
  return {
    id: r.id,
    unitCode: r.unit_code,
    resultId: r.result_id,
    taskCode: r.task_code,
    uscc: r.uscc,
    entityName: r.entity_name,
    itemName: r.item_name,
    category: r.category,
    categoryText: resultCategoryLabel[r.category as keyof typeof resultCategoryLabel] ?? r.category,
    status: r.status,
    statusText: ledgerStatusLabel[r.status],
    dueOn: r.due_on,
    openedOn: r.opened_on,
    closedOn: r.closed_on,
    suggestedMeasure: state.suggestedMeasure ?? null,
    measureText: state.measure ? followUpMeasureLabel[state.measure.kind] : null,
    state,
  };
}

export const listFollowups = defineRoute({
  method: 'get',
  path: '/api/followups',
  summary: '问题台账：本单位及下级单位的后续处置事项（未完结/已完结），含整改期限',
  tag: TAG,
  auth: moduleRead('followup'),
  query: z.object({ status: z.enum(['open', 'closed']).optional() }),
  async handler({ app, caller, query }) {
    const who = requireCaller(caller);
    let q = app.database.db.selectFrom('followup_item').selectAll().where('unit_code', 'in', who.scope.unitCodes);
    if (query.status) q = q.where('status', '=', query.status);
    const rows = await q.orderBy('status', 'desc').orderBy('due_on').orderBy('opened_on').limit(1000).execute();
    const today = todayInChina();
    return { today, items: rows.map((r) => ({ ...view(r), overdue: r.status === 'open' && r.due_on !== null && r.due_on < today })) };
  },
});

export const followupAction = defineRoute({
  method: 'post',
  path: '/api/followups/:id/actions',
  summary:
    '处置台账事项：确定措施（无需处置/责令改正/移送执法办案机构/抄告或移送/移送司法机关/移送纪检监察）、复查、案件编号、处罚决定书文号、接收机构反馈、完结',
  tag: TAG,
  auth: moduleWrite('followup'),
  params: z.object({ id: z.uuid('台账编号应为 UUID') }),
  body: actionSchema,
  async handler({ app, caller, params, body }) {
    const who = requireCaller(caller);
    return app.database.db.transaction().execute(async (trx) => {
      const row = await trx.selectFrom('followup_item').selectAll().where('id', '=', params.id).forUpdate().executeTakeFirst();
      if (!row || !who.scope.unitCodes.includes(row.unit_code))
        throw new AppError('NOT_FOUND', `台账事项 ${params.id} 不存在，或不属于您当前所在单位。`);
      const item = row.state as LedgerItem;
      const today = todayInChina();
      let outcome: Outcome<LedgerItem>;
      switch (body.action) {
        case 'decide':
          outcome = decideMeasure(item, { measure: body.measure as Measure, on: today });
          break;
        case 'recheck':
          outcome = recordRecheck(item, { on: body.on, corrected: body.corrected, note: body.note });
          break;
        case 'caseNumber':
          outcome = recordCaseNumber(item, { caseNumber: body.caseNumber, on: body.on });
          break;
        case 'penaltyDecision':
          outcome = recordPenaltyDecision(item, { decisionNumber: body.decisionNumber, on: body.on });
          break;
        case 'feedback':
          outcome = recordFeedback(item, { on: body.on, from: body.from, text: body.text });
          break;
        case 'close':
          outcome = closeLedgerItem(item, { on: today });
          break;
      }
      if (!outcome.ok) throw new AppError(outcome.error.code, outcome.error.message, outcome.error.details);
      const next = { ...(row.state as object), ...outcome.value };
      await trx
        .updateTable('followup_item')
        .set({
          state: JSON.stringify(next),
          status: outcome.value.status,
          due_on: ledgerItemDue(outcome.value),
          closed_on: outcome.value.closedOn,
          updated_at: new Date(),
        })
        .where('unit_code', '=', row.unit_code)
        .where('id', '=', row.id)
        .execute();
      await recordAudit(trx, {
        unitCode: row.unit_code,
        actorUserId: who.userId,
        actorName: who.displayName,
        action: `followup.${body.action}`,
        objectType: 'followup_item',
        objectId: row.id,
        after: body,
      });
      return view({
        ...row,
        state: next,
        status: outcome.value.status,
        due_on: ledgerItemDue(outcome.value),
        closed_on: outcome.value.closedOn,
      });
    });
  },
});

export const followupRoutes: AnyRoute[] = [listFollowups, followupAction];
