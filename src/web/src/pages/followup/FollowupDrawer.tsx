// One ledger item and its steps (seed 001 六, seed 003 八): 确定处置措施 (by kind), 复查,
// 案件编号, 处罚决定书文号, 接收机构反馈, 完结. The server decides what is allowed and says why not;
// its message is shown as is.
import { Alert, App, Button, Descriptions, Drawer, Flex, Form, Input, Radio, Select, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { call, type ApiError, type ApiInput, type ApiOutput } from '../../api.ts';
import { followUpMeasureLabel, type FollowUpMeasure } from '../../../../core/glossary.ts';
import type { Measure } from '../../../../core/followup/index.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { DateField } from '../../components/DateField.tsx';
import { toApiError } from '../../useApiData.ts';
import { objectCodeText } from '../../labels.ts';

export type FollowupItem = ApiOutput<'GET /api/followups'>['items'][number];
type FollowupAction = ApiInput<'POST /api/followups/:id/actions'>['body'];
type MeasureInput = Measure;

type ActionKey = FollowupAction['action'];

const actionLabel: Record<ActionKey, string> = {
  decide: '确定处置措施',
  recheck: '复查',
  caseNumber: '案件编号',
  penaltyDecision: '处罚决定书文号',
  feedback: '接收机构反馈',
  close: '完结',
};

export function measureDescription(m: MeasureInput | null): string {
  if (!m) return '尚未确定';
  switch (m.kind) {
    case 'none':
      return `无需后续处置（${m.reason}）`;
    case 'orderCorrection':
      return `责令改正，整改期限 ${m.deadline}`;
    case 'referToEnforcement':
      return `移送执法办案机构：${m.receivingBody}（${m.transferredOn}）`;
    case 'referToDepartment':
      return `${m.mode === 'notify' ? '抄告' : '移送'}${m.department}（${m.transferredOn}）`;
    case 'referToJudiciary':
      return `移送司法机关：${m.receivingBody}（${m.transferredOn}）`;
    case 'referToDiscipline':
      return `移送纪检监察：${m.receivingBody}（${m.transferredOn}）`;
  }
}

/** The fields edited as free text. */
type TextKey = { [K in keyof Fields]: Fields[K] extends string ? (string extends Fields[K] ? K : never) : never }[keyof Fields];

interface Fields {
  kind: FollowUpMeasure;
  reason: string;
  deadline: string;
  receivingBody: string;
  department: string;
  mode: 'notify' | 'transfer';
  transferredOn: string;
  on: string;
  /** null until the user chooses: a re-check has no default conclusion. */
  corrected: boolean | null;
  note: string;
  /** 复查人员, separated by 、，, or spaces. */
  people: string;
  caseNumber: string;
  decisionNumber: string;
  from: string;
  text: string;
}

function actionOf(action: ActionKey, f: Fields): FollowupAction {
  switch (action) {
    case 'decide': {
      const measure: MeasureInput =
        f.kind === 'none'
          ? { kind: 'none', reason: f.reason }
          : f.kind === 'orderCorrection'
            ? { kind: 'orderCorrection', deadline: f.deadline }
            : f.kind === 'referToDepartment'
              ? { kind: 'referToDepartment', mode: f.mode, department: f.department, transferredOn: f.transferredOn }
              : { kind: f.kind, receivingBody: f.receivingBody, transferredOn: f.transferredOn };
      return { action: 'decide', measure };
    }
    case 'recheck':
      return {
        action: 'recheck',
        on: f.on,
        // The server refuses a missing conclusion with its message (请选择复查结论…).
        corrected: f.corrected as boolean,
        note: f.note,
        people: f.people.split(/[、，,\s]+/).filter((p) => p.length > 0),
      };
    case 'caseNumber':
      return { action: 'caseNumber', caseNumber: f.caseNumber, on: f.on };
    case 'penaltyDecision':
      return { action: 'penaltyDecision', decisionNumber: f.decisionNumber, on: f.on };
    case 'feedback':
      return { action: 'feedback', on: f.on, from: f.from, text: f.text };
    case 'close':
      return { action: 'close' };
  }
}

const receivingLabel: Partial<Record<FollowUpMeasure, string>> = {
  referToEnforcement: '接收的执法办案机构',
  referToJudiciary: '接收的司法机关',
  referToDiscipline: '接收的纪检监察机关',
};

export function FollowupDrawer({
  item,
  today,
  mayWrite,
  onClose,
  onChanged,
}: {
  item: FollowupItem | null;
  /** The server's today (China time), the default of the date fields. */
  today: string;
  mayWrite: boolean;
  onClose: () => void;
  onChanged: (item: FollowupItem) => void;
}) {
  const { message } = App.useApp();
  const [action, setAction] = useState<ActionKey>('decide');
  const [fields, setFields] = useState<Fields>({
    kind: item?.suggestedMeasure ?? 'orderCorrection',
    reason: '',
    deadline: '',
    receivingBody: '',
    department: '',
    mode: 'notify',
    transferredOn: today,
    on: today,
    corrected: null,
    note: '',
    people: '',
    caseNumber: '',
    decisionNumber: '',
    from: '',
    text: '',
  });
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Fields>) => setFields((f) => ({ ...f, ...patch }));
  /** value and onChange of a text box that edits one of the text fields. */
  const text = (key: TextKey) => ({
    value: fields[key],
    onChange: (e: { target: { value: string } }) => set({ [key]: e.target.value } as Partial<Fields>),
  });
  const s = item?.state;

  const run = async () => {
    if (!item) return;
    setBusy(true);
    setError(null);
    try {
      const next = await call('POST /api/followups/:id/actions', { params: { id: item.id }, body: actionOf(action, fields) });
      void message.success(`${actionLabel[action]}：已记录`);
      onChanged({ ...item, ...next, overdue: next.status === 'open' && next.dueOn !== null && next.dueOn < today });
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const dateInput = (value: string, onChange: (v: string) => void, testId: string) => (
    <DateField value={value} onChange={onChange} testId={testId} />
  );

  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      title={item ? `问题台账：${item.entityName}` : ''}
      size="large"
      data-testid="followup-drawer"
      destroyOnHidden
    >
      {item && s && (
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              { key: 'status', label: '状态', children: <span data-testid="followup-drawer-status">{item.statusText}</span> },
              { key: 'task', label: '任务编号', children: item.taskCode },
              { key: 'entity', label: '检查对象', children: `${item.entityName}（${objectCodeText(item.objectKindLabel, item.uscc)}）` },
              { key: 'item', label: '检查事项', children: item.itemName },
              { key: 'cat', label: '检查结果', children: item.categoryText },
              { key: 'finding', label: '发现的问题', children: s.finding },
              { key: 'suggested', label: '建议措施', children: item.suggestedMeasure ? followUpMeasureLabel[item.suggestedMeasure] : '—' },
              {
                key: 'measure',
                label: '处置措施',
                children: <span data-testid="followup-drawer-measure">{measureDescription(s.measure)}</span>,
              },
              { key: 'due', label: '期限', children: item.dueOn ?? '—' },
              {
                key: 'recheck',
                label: '复查',
                children: s.recheck
                  ? `${s.recheck.on} ${s.recheck.corrected ? '已整改到位' : '未整改到位'}${s.recheck.people?.length ? `（复查人员：${s.recheck.people.join('、')}）` : ''} ${s.recheck.note}`
                  : '—',
              },
              { key: 'case', label: '案件编号', children: s.caseNumber ? `${s.caseNumber}（${s.caseRecordedOn ?? ''}）` : '—' },
              {
                key: 'penalty',
                label: '处罚决定书文号',
                children: s.penaltyDecisionNumber ? `${s.penaltyDecisionNumber}（${s.penaltyRecordedOn ?? ''}）` : '—',
              },
              { key: 'opened', label: '立项 / 完结', children: `${item.openedOn} / ${item.closedOn ?? '未完结'}` },
            ]}
          />
          {s.feedback.length > 0 && (
            <div>
              <Typography.Title level={5}>接收机构反馈</Typography.Title>
              <Timeline items={s.feedback.map((f) => ({ children: `${f.on} ${f.from}：${f.text}` }))} />
            </div>
          )}
          {mayWrite && item.status === 'open' && (
            <Form layout="vertical" disabled={busy} data-testid="followup-form">
              <Form.Item label="处置步骤">
                <Select
                  value={action}
                  onChange={(a: ActionKey) => {
                    setAction(a);
                    setError(null);
                  }}
                  options={(Object.keys(actionLabel) as ActionKey[]).map((k) => ({ value: k, label: actionLabel[k] }))}
                  data-testid="followup-action"
                  style={{ maxWidth: 260 }}
                />
              </Form.Item>
              {action === 'decide' && (
                <>
                  <Form.Item label="处置措施">
                    <Select
                      value={fields.kind}
                      onChange={(k: FollowUpMeasure) => set({ kind: k })}
                      options={Object.entries(followUpMeasureLabel).map(([value, label]) => ({ value, label }))}
                      data-testid="followup-measure-kind"
                      style={{ maxWidth: 260 }}
                    />
                  </Form.Item>
                  {fields.kind === 'none' && (
                    <Form.Item label="无需后续处置的理由" required>
                      <Input.TextArea rows={2} {...text('reason')} data-testid="followup-reason" />
                    </Form.Item>
                  )}
                  {fields.kind === 'orderCorrection' && (
                    <Form.Item label="整改期限" required>
                      {dateInput(fields.deadline, (v) => set({ deadline: v }), 'followup-deadline')}
                    </Form.Item>
                  )}
                  {fields.kind === 'referToDepartment' && (
                    <>
                      <Form.Item label="方式">
                        <Radio.Group
                          value={fields.mode}
                          onChange={(e) => set({ mode: e.target.value as 'notify' | 'transfer' })}
                          options={[
                            { value: 'notify', label: '抄告' },
                            { value: 'transfer', label: '移送' },
                          ]}
                        />
                      </Form.Item>
                      <Form.Item label="接收部门" required>
                        <Input {...text('department')} data-testid="followup-department" />
                      </Form.Item>
                    </>
                  )}
                  {receivingLabel[fields.kind] && (
                    <Form.Item label={receivingLabel[fields.kind]} required>
                      <Input {...text('receivingBody')} data-testid="followup-receiving-body" />
                    </Form.Item>
                  )}
                  {fields.kind !== 'none' && fields.kind !== 'orderCorrection' && (
                    <Form.Item label="移送（抄告）日期" required>
                      {dateInput(fields.transferredOn, (v) => set({ transferredOn: v }), 'followup-transferred-on')}
                    </Form.Item>
                  )}
                </>
              )}
              {action !== 'decide' && action !== 'close' && (
                <Form.Item label={action === 'recheck' ? '复查日期' : action === 'feedback' ? '反馈日期' : '登记日期'} required>
                  {dateInput(fields.on, (v) => set({ on: v }), 'followup-on')}
                </Form.Item>
              )}
              {action === 'recheck' && (
                <>
                  <Form.Item label="复查结论" required>
                    <Radio.Group
                      value={fields.corrected}
                      onChange={(e) => set({ corrected: e.target.value as boolean })}
                      options={[
                        { value: true, label: '已整改到位' },
                        { value: false, label: '未整改到位' },
                      ]}
                      data-testid="followup-corrected"
                    />
                  </Form.Item>
                  <Form.Item label="复查人员" required extra="至少一人；多人以“、”分隔">
                    <Input {...text('people')} data-testid="followup-people" />
                  </Form.Item>
                  <Form.Item label="复查情况" required extra="核实了什么、看到了什么；未整改到位的，写明情况">
                    <Input.TextArea rows={2} {...text('note')} data-testid="followup-note" />
                  </Form.Item>
                </>
              )}
              {action === 'caseNumber' && (
                <Form.Item label="案件编号（立案号）" required>
                  <Input {...text('caseNumber')} data-testid="followup-case-number" />
                </Form.Item>
              )}
              {action === 'penaltyDecision' && (
                <Form.Item label="行政处罚决定书文号" required>
                  <Input {...text('decisionNumber')} data-testid="followup-decision-number" />
                </Form.Item>
              )}
              {action === 'feedback' && (
                <>
                  <Form.Item label="反馈机构" required>
                    <Input {...text('from')} data-testid="followup-from" />
                  </Form.Item>
                  <Form.Item label="反馈内容" required>
                    <Input.TextArea rows={3} {...text('text')} data-testid="followup-text" />
                  </Form.Item>
                </>
              )}
              {action === 'close' && (
                <Typography.Paragraph type="secondary">
                  完结前须满足所选措施的要求：责令改正须复查确认已整改；移送执法办案机构须登记案件编号；移送其他部门、移送司法机关须登记接收机构的反馈。完结日期为今天。
                </Typography.Paragraph>
              )}
              {error && <ApiErrorAlert error={error} />}
              <Button type="primary" loading={busy} onClick={() => void run()} data-testid="followup-submit">
                {actionLabel[action]}
              </Button>
            </Form>
          )}
          {item.status === 'closed' && (
            <Alert type="success" showIcon title={`已于 ${item.closedOn ?? ''} 完结`} data-testid="followup-closed" />
          )}
        </Flex>
      )}
    </Drawer>
  );
}
