// Edit one task of a draft (or add one): every column as text, as in the plan table, and the
// 名录分库 its population is drawn from. The server re-parses the cells; what it could not
// read is listed here and the drawer stays open so the planner can fix it. The server suggests
// 名录分库 from the 抽查对象范围 and the task's name; the planner adopts one with “采用” (nothing
// is linked until saved), and is told when the chosen library contradicts the scope.
import { Alert, App, Button, Drawer, Flex, Form, Input, List, Select, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { planFieldLabel } from '../../../../core/plan/columns.ts';
import type { PlanField, SubLibrarySuggestions, TaskItemMatches, TaskProblem, TaskView } from './planTypes.ts';

type ItemMatch = TaskItemMatches['matches'][number];
import { useEndpoint } from '../../useApiData.ts';
import { planCommand } from './planApi.ts';
import { useFormAction } from '../../useAction.ts';
import { riskClassificationLabel, type RiskClassification } from '../../../../core/entities/riskClassifications.ts';
import { cellAllocatesByRiskClass } from '../../../../core/plan/riskPolicy.ts';

const editableFields = (Object.keys(planFieldLabel) as PlanField[]).filter((f) => f !== 'taskCode');

const hints: Partial<Record<PlanField, string>> = {
  items: '逐项列出，如“1.登记事项检查；2.公示信息检查”',
  quota: '如“3%; 1次/年”“不低于20%”“5%以上”“20户”',
  frequency: '如“1次/年”“1次/季度”',
  riskPolicy: '如“对低风险、一般风险、较高风险、高风险企业分别递加比例抽查”，或“不使用：原因”',
  period: '如“3月—11月”“3月1日—11月15日”',
  mode: '以“【县抽县查】”等开头，其后写发起和实施单位',
  taskType: '定向 或 不定向',
};

export function TaskDrawer({
  planId,
  task,
  presentFields,
  onClose,
  onSaved,
}: {
  planId: string;
  /** null: a new task. */
  task: TaskView | null;
  /** Columns the plan's table has: they are always sent, so an emptied cell is reported. */
  presentFields: PlanField[];
  onClose: () => void;
  onSaved: () => void;
}) {
  const { message } = App.useApp();
  const libraries = useEndpoint('GET /api/sub-libraries', {});
  // What each 抽查事项 of the saved task matched on the unit's claimed list (by category or name).
  const checks = useEndpoint('GET /api/plans/:id/checks', task ? { params: { id: planId } } : null);
  const itemMatches = task ? checks.data?.itemMatches.find((m) => m.taskCode === task.code)?.matches : undefined;
  const [cells, setCells] = useState<Partial<Record<PlanField, string>>>(() => ({ ...(task?.cells ?? {}) }));
  const [subLibraryId, setSubLibraryId] = useState<string | null>(task?.subLibrary?.id ?? null);
  const [classification, setClassification] = useState<RiskClassification | null>(task?.classification ?? null);
  const held = useEndpoint('GET /api/entities/risk-classifications', {});
  const [problems, setProblems] = useState<TaskProblem[]>(task?.problems ?? []);
  const { busy: saving, error, run } = useFormAction();
  // Suggestions follow the text being edited, asked for once typing pauses.
  const [asked, setAsked] = useState({ name: cells.name ?? '', population: cells.population ?? '' });
  useEffect(() => {
    const timer = setTimeout(() => setAsked({ name: cells.name ?? '', population: cells.population ?? '' }), 400);
    return () => clearTimeout(timer);
  }, [cells.name, cells.population]);
  const fit = useEndpoint(
    'GET /api/plans/:id/tasks/:code/sub-library-suggestions',
    task
      ? {
          params: { id: planId, code: task.code },
          query: { name: asked.name, population: asked.population, ...(subLibraryId ? { subLibraryId } : {}) },
        }
      : null,
  );

  const present = new Set<PlanField>([...presentFields, ...(Object.keys(task?.cells ?? {}) as PlanField[])]);
  const ordered = [...editableFields.filter((f) => present.has(f)), ...editableFields.filter((f) => !present.has(f))];

  async function save() {
    const body: Record<string, string> = {};
    for (const field of editableFields) {
      const value = cells[field] ?? '';
      if (present.has(field) || value.trim() !== '') body[field] = value;
    }
    await run(async () => {
      const result = task
        ? await planCommand.updateTask(planId, task.code, { cells: body, subLibraryId, classification })
        : await planCommand.addTask(planId, { cells: body, subLibraryId, classification });
      onSaved();
      const found = result.problems as TaskProblem[];
      setProblems(found);
      if (found.some((p) => p.severity === 'error')) {
        message.warning(`已保存任务 ${result.code}，但有 ${found.length} 个单元格需要修改，见上方提示。`);
        return;
      }
      onClose();
      return `已保存任务 ${result.code}`;
    });
  }

  return (
    <Drawer
      open
      width={640}
      title={task ? `修改任务 ${task.code}` : '新增任务'}
      onClose={onClose}
      data-testid="task-drawer"
      extra={
        <Button type="primary" loading={saving} onClick={() => void save()} data-testid="task-save">
          保存
        </Button>
      }
    >
      <Flex vertical gap={12}>
        {error && <Alert type="error" showIcon title={error} data-testid="task-save-error" />}
        {problems.length > 0 && (
          <Alert
            type={problems.some((p) => p.severity === 'error') ? 'error' : 'warning'}
            showIcon
            data-testid="task-problems"
            title="以下单元格需要修改或核对"
            description={
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {problems.map((p) => (
                  <li key={`${p.field}-${p.message}`}>
                    <b>{p.column ?? (p.field ? planFieldLabel[p.field] : '整行')}</b>：{p.message}
                  </li>
                ))}
              </ul>
            }
          />
        )}
        {itemMatches && itemMatches.length > 0 && <ItemMatchList matches={itemMatches} />}
        <Form layout="vertical" component="div">
          <Form.Item label="名录分库（抽查对象从此分库抽取，显示实时户数）">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="不关联：按“抽查对象范围”文字说明"
              value={subLibraryId ?? undefined}
              onChange={(v?: string) => setSubLibraryId(v ?? null)}
              loading={libraries.loading}
              data-testid="task-sub-library"
              options={(libraries.data?.items ?? []).map((lib) => ({
                value: lib.id,
                label: `${lib.name}（${lib.unitName}，${lib.count.toLocaleString()} 户）`,
              }))}
            />
            {libraries.error && <Typography.Text type="danger">{libraries.error.message}</Typography.Text>}
          </Form.Item>
          {task && fit.data && <SuggestionList answer={fit.data} chosenId={subLibraryId} onAdopt={setSubLibraryId} />}
          <Form.Item label="风险分类依据（按哪一种风险分类分配抽查比例）">
            <Select
              allowClear
              placeholder="按“信用风险分类管理”文字说明"
              value={classification ?? undefined}
              onChange={(v?: RiskClassification) => setClassification(v ?? null)}
              loading={held.loading}
              data-testid="task-classification"
              options={[
                { value: 'general', label: riskClassificationLabel.general },
                ...(held.data?.items ?? []).map((c) => ({
                  value: c.classification,
                  label: `${c.label}（${c.entities.toLocaleString()} 户已分级）`,
                })),
              ]}
            />
            {classification !== null && !cellAllocatesByRiskClass(cells.riskPolicy ?? '') && (
              <Alert
                type="warning"
                showIcon
                style={{ marginTop: 8 }}
                data-testid="task-classification-idle"
                title="所选风险分类依据目前不起作用"
                description={`风险分类依据只在任务按风险等级分配抽查比例时才起作用。本任务的“${planFieldLabel.riskPolicy}”未要求按风险等级分配，抽取时为一组（全部（不分类）），选哪种分类都不影响抽取结果。如需按“${riskClassificationLabel[classification]}”分配，请在“${planFieldLabel.riskPolicy}”中写明，如“对低风险、一般风险、较高风险、高风险企业分别递加比例抽查”，或各类比例“A类1%，B类3%，C类5%，D类10%”。`}
              />
            )}
          </Form.Item>
          {!task && (
            <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
              保存任务后，将按“抽查对象范围”建议名录分库。
            </Typography.Paragraph>
          )}
          {ordered.map((field) => {
            const problem = problems.find((p) => p.field === field);
            return (
              <Form.Item
                key={field}
                label={`${planFieldLabel[field]}${present.has(field) ? '' : '（本表无此列，可不填）'}`}
                validateStatus={problem ? (problem.severity === 'error' ? 'error' : 'warning') : undefined}
                help={problem?.message ?? hints[field]}
                style={{ marginBottom: 12 }}
              >
                <Input.TextArea
                  autoSize={{ minRows: 1, maxRows: 6 }}
                  value={cells[field] ?? ''}
                  onChange={(e) => setCells((c) => ({ ...c, [field]: e.target.value }))}
                  data-testid={`task-cell-${field}`}
                  aria-label={planFieldLabel[field]}
                />
              </Form.Item>
            );
          })}
        </Form>
      </Flex>
    </Drawer>
  );
}

const matchKindText: Record<NonNullable<ItemMatch['kind']>, string> = {
  name: '按事项名称',
  category: '按抽查类别',
  similar: '按相近的事项名称',
  taskName: '按任务名称对应的事项',
};

/** Each 抽查事项 of the task with the claimed list items it was matched to, or a warning when none. */
function ItemMatchList({ matches }: { matches: ItemMatch[] }) {
  const unmatched = matches.filter((m) => m.kind === null).length;
  return (
    <Alert
      type={unmatched > 0 ? 'warning' : 'info'}
      showIcon
      data-testid="task-item-matches"
      title={
        unmatched > 0
          ? `${unmatched} 项抽查事项在本单位认领的抽查事项清单中找不到对应事项`
          : '抽查事项与认领清单的对应（用于计算抽查事项覆盖率）'
      }
      description={
        <ul style={{ margin: 0, paddingLeft: 18 }}>
          {matches.map((m, i) => (
            <li key={`${i}-${m.text}`}>
              <b>{m.text}</b>：
              {m.kind === null
                ? '未找到对应事项，请改用清单中的事项名称或抽查类别，或先认领该事项'
                : `${matchKindText[m.kind]}对应 ${m.items.map((item) => `${item.code} ${item.name}`).join('；')}`}
            </li>
          ))}
        </ul>
      }
    />
  );
}

const strengthText: Record<SubLibrarySuggestions['suggestions'][number]['strength'], { text: string; color: string }> = {
  exact: { text: '名称一致', color: 'green' },
  strong: { text: '较吻合', color: 'blue' },
  weak: { text: '供参考', color: 'default' },
};

/**
 * The suggested 名录分库 (best first) with their reasons, each adopted only by a click on “采用”
 * (saved with the task), and the contradictions of the library chosen now.
 */
function SuggestionList({
  answer,
  chosenId,
  onAdopt,
}: {
  answer: SubLibrarySuggestions;
  chosenId: string | null;
  onAdopt: (id: string) => void;
}) {
  const contradictions = answer.current && answer.current.id === chosenId ? answer.current.contradictions : [];
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }}>
      {contradictions.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="task-sub-library-contradiction"
          title={`所选名录分库“${answer.current!.name}”与抽查对象范围不符`}
          description={contradictions.join('；')}
        />
      )}
      {answer.suggestions.length === 0 ? (
        <Typography.Text type="secondary" data-testid="task-sub-library-suggestions-none">
          没有与“{answer.population || '（未填写抽查对象范围）'}”相符的名录分库建议，可在“一单两库 → 名录分库”中新建。
        </Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          data-testid="task-sub-library-suggestions"
          header={<Typography.Text strong>建议的名录分库（按抽查对象范围，需确认后采用）</Typography.Text>}
          dataSource={answer.suggestions}
          renderItem={(s) => (
            <List.Item
              key={s.id}
              data-testid={`task-sub-library-suggestion-${s.id}`}
              actions={[
                s.id === chosenId ? (
                  <Tag color="green" key="chosen">
                    已选
                  </Tag>
                ) : (
                  <Button key="adopt" size="small" type="link" onClick={() => onAdopt(s.id)} data-testid={`task-sub-library-adopt-${s.id}`}>
                    采用
                  </Button>
                ),
              ]}
            >
              <List.Item.Meta
                title={
                  <Flex gap={8} align="center" wrap>
                    <span>{s.name}</span>
                    <Tag color={strengthText[s.strength].color}>{strengthText[s.strength].text}</Tag>
                    <Typography.Text type="secondary">{s.unitName}</Typography.Text>
                  </Flex>
                }
                description={s.reasons.join('；')}
              />
            </List.Item>
          )}
        />
      )}
    </Flex>
  );
}
