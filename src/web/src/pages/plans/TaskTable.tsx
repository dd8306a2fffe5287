// The task table of one plan version: structured values as the system understood them, the
// linked 名录分库 with its live count, and every cell that could not be read highlighted
// (red: error, orange: check it) with the parser's message as tooltip.
import { Button, Flex, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnType } from 'antd';
import type { ReactNode } from 'react';
import type { PlanField, TaskView } from './planTypes.ts';
import { frequencyText, itemsText, modeText, periodText, quotaText, riskPolicyText, riskPolicyUsed, taskTypeText } from './planFormat.ts';
import { actionsColumn } from '../../components/ListControls.tsx';

/** Wraps a cell in a highlighted box when the task has a problem in one of `fields`. */
function ProblemCell({ task, fields, children }: { task: TaskView; fields: PlanField[]; children: ReactNode }) {
  const problems = task.problems.filter((p) => p.field !== null && fields.includes(p.field));
  if (problems.length === 0) return <>{children}</>;
  const error = problems.some((p) => p.severity === 'error');
  return (
    <Tooltip
      title={problems.map((p) => (
        <div key={`${p.field}-${p.message}`}>
          {p.column ?? ''}：{p.message}
          {p.raw ? `（原文：${p.raw}）` : ''}
        </div>
      ))}
    >
      <div
        data-testid={`task-problem-${task.code}-${problems[0]!.field}`}
        data-severity={error ? 'error' : 'warning'}
        style={{
          background: error ? '#fff1f0' : '#fff7e6',
          border: `1px solid ${error ? '#ff4d4f' : '#fa8c16'}`,
          borderRadius: 4,
          padding: '2px 4px',
          minHeight: 22,
        }}
      >
        {children}
        {error && problems[0]!.raw ? <div style={{ fontSize: 12, color: '#cf1322' }}>原文：{problems[0]!.raw}</div> : null}
      </div>
    </Tooltip>
  );
}

/** A column whose cells are boxed by ProblemCell when the task has a problem in one of `fields`. */
function checkedColumn(
  title: string,
  key: string,
  width: number,
  fields: PlanField[],
  render: (task: TaskView) => ReactNode,
  extra?: Partial<TableColumnType<TaskView>>,
): TableColumnType<TaskView> {
  return {
    title,
    key,
    width,
    ...extra,
    render: (_: unknown, t: TaskView) => (
      <ProblemCell task={t} fields={fields}>
        {render(t)}
      </ProblemCell>
    ),
  };
}

function orDash(text: string | null | undefined): string {
  return text && text.trim() !== '' ? text : '—';
}

export function TaskTable({
  tasks,
  editable,
  onEdit,
  onDelete,
}: {
  tasks: TaskView[];
  editable: boolean;
  onEdit: (task: TaskView) => void;
  onDelete: (task: TaskView) => void;
}) {
  return (
    <Table<TaskView>
      size="small"
      bordered
      data-testid="plan-tasks"
      rowKey="code"
      dataSource={tasks}
      pagination={false}
      scroll={{ x: 1900 }}
      columns={[
        checkedColumn('序号', 'seq', 56, ['seq'], (t) => t.seq ?? '', { fixed: 'left' }),
        {
          title: '任务编号',
          dataIndex: 'code',
          width: 140,
          fixed: 'left',
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        checkedColumn('任务名称', 'name', 220, ['name'], (t) => t.name),
        checkedColumn('类型', 'taskType', 70, ['taskType'], (t) => (
          <span data-testid={`task-type-${t.code}`}>{taskTypeText(t.taskType)}</span>
        )),
        checkedColumn('抽查事项', 'items', 110, ['items'], (t) => (
          <Tooltip
            title={t.items.map((item, i) => (
              <div key={item}>{`${i + 1}. ${item}`}</div>
            ))}
          >
            <span data-testid={`task-items-${t.code}`}>{itemsText(t.items)}</span>
          </Tooltip>
        )),
        checkedColumn('对象范围', 'population', 220, ['population'], (t) => (
          <Flex vertical gap={2}>
            <span>{orDash(t.population)}</span>
            {t.subLibrary ? (
              <Tag color="blue" data-testid={`task-library-${t.code}`}>
                {t.subLibrary.name}
                {t.subLibrary.count >= 0 ? ` · ${t.subLibrary.count.toLocaleString()} 户` : ''}
              </Tag>
            ) : (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                未关联名录分库
              </Typography.Text>
            )}
          </Flex>
        )),
        checkedColumn('比例/数量', 'quota', 110, ['quota'], (t) => <span data-testid={`task-quota-${t.code}`}>{quotaText(t.quota)}</span>),
        checkedColumn('频次/批次', 'frequency', 140, ['frequency'], (t) => frequencyText(t.frequency, t.batchesPerYear)),
        checkedColumn('风险分类', 'riskPolicy', 180, ['riskPolicy'], (t) => (
          <Tooltip title={t.cells.riskPolicy}>
            <Tag color={riskPolicyUsed(t.riskPolicy) ? 'green' : 'default'} style={{ whiteSpace: 'normal' }}>
              {riskPolicyText(t.riskPolicy)}
            </Tag>
          </Tooltip>
        )),
        checkedColumn('起止时间', 'period', 130, ['period'], (t) => periodText(t.period)),
        checkedColumn('模式', 'mode', 170, ['mode'], (t) => (
          <Flex vertical gap={2}>
            <span data-testid={`task-mode-${t.code}`}>{modeText(t.mode)}</span>
            {t.mode?.initiatorText && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.mode.initiatorText}
              </Typography.Text>
            )}
          </Flex>
        )),
        checkedColumn('发起/配合部门', 'departments', 220, ['initiator', 'initiatingDepartment', 'cooperatingDepartments'], (t) => (
          <Flex vertical gap={2}>
            {t.initiator && <span>{t.initiator.guide ? `${t.initiator.initiator}/${t.initiator.guide}` : t.initiator.initiator}</span>}
            {t.initiatingDepartment && <span>发起：{t.initiatingDepartment}</span>}
            {t.cooperatingDepartments.length > 0 && <span>配合：{t.cooperatingDepartments.join('、')}</span>}
            {!t.initiator && !t.initiatingDepartment && t.cooperatingDepartments.length === 0 && '—'}
          </Flex>
        )),
        ...(editable
          ? [
              actionsColumn(120, (t: TaskView) => (
                <Flex gap={4}>
                  <Button size="small" type="link" onClick={() => onEdit(t)} data-testid={`task-edit-${t.code}`}>
                    修改
                  </Button>
                  <Popconfirm title={`从草稿中删除任务 ${t.code}？`} okText="删除" cancelText="取消" onConfirm={() => onDelete(t)}>
                    <Button size="small" type="link" danger data-testid={`task-delete-${t.code}`}>
                      删除
                    </Button>
                  </Popconfirm>
                </Flex>
              )),
            ]
          : []),
      ]}
    />
  );
}
