// The task table of one plan version: structured values as the system understood them, the
// linked 名录分库 with its live count, and every cell that could not be read highlighted
// (red: error, orange: check it) with the parser's message as tooltip.
import { Button, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
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
        {
          title: '序号',
          dataIndex: 'seq',
          width: 56,
          fixed: 'left',
          render: (v: number | null, t) => (
            <ProblemCell task={t} fields={['seq']}>
              {v ?? ''}
            </ProblemCell>
          ),
        },
        {
          title: '任务编号',
          dataIndex: 'code',
          width: 140,
          fixed: 'left',
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: '任务名称',
          dataIndex: 'name',
          width: 220,
          render: (v: string, t) => (
            <ProblemCell task={t} fields={['name']}>
              {v}
            </ProblemCell>
          ),
        },
        {
          title: '类型',
          dataIndex: 'taskType',
          width: 70,
          render: (v: TaskView['taskType'], t) => (
            <ProblemCell task={t} fields={['taskType']}>
              <span data-testid={`task-type-${t.code}`}>{taskTypeText(v)}</span>
            </ProblemCell>
          ),
        },
        {
          title: '抽查事项',
          dataIndex: 'items',
          width: 110,
          render: (items: string[], t) => (
            <ProblemCell task={t} fields={['items']}>
              <Tooltip
                title={items.map((item, i) => (
                  <div key={item}>{`${i + 1}. ${item}`}</div>
                ))}
              >
                <span data-testid={`task-items-${t.code}`}>{itemsText(items)}</span>
              </Tooltip>
            </ProblemCell>
          ),
        },
        {
          title: '对象范围',
          dataIndex: 'population',
          width: 220,
          render: (v: string, t) => (
            <ProblemCell task={t} fields={['population']}>
              <Flex vertical gap={2}>
                <span>{orDash(v)}</span>
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
            </ProblemCell>
          ),
        },
        {
          title: '比例/数量',
          dataIndex: 'quota',
          width: 110,
          render: (v: TaskView['quota'], t) => (
            <ProblemCell task={t} fields={['quota']}>
              <span data-testid={`task-quota-${t.code}`}>{quotaText(v)}</span>
            </ProblemCell>
          ),
        },
        {
          title: '频次/批次',
          key: 'frequency',
          width: 140,
          render: (_, t) => (
            <ProblemCell task={t} fields={['frequency']}>
              {frequencyText(t.frequency, t.batchesPerYear)}
            </ProblemCell>
          ),
        },
        {
          title: '风险分类',
          dataIndex: 'riskPolicy',
          width: 180,
          render: (v: TaskView['riskPolicy'], t) => (
            <ProblemCell task={t} fields={['riskPolicy']}>
              <Tooltip title={t.cells.riskPolicy}>
                <Tag color={riskPolicyUsed(v) ? 'green' : 'default'} style={{ whiteSpace: 'normal' }}>
                  {riskPolicyText(v)}
                </Tag>
              </Tooltip>
            </ProblemCell>
          ),
        },
        {
          title: '起止时间',
          dataIndex: 'period',
          width: 130,
          render: (v: TaskView['period'], t) => (
            <ProblemCell task={t} fields={['period']}>
              {periodText(v)}
            </ProblemCell>
          ),
        },
        {
          title: '模式',
          dataIndex: 'mode',
          width: 170,
          render: (v: TaskView['mode'], t) => (
            <ProblemCell task={t} fields={['mode']}>
              <Flex vertical gap={2}>
                <span data-testid={`task-mode-${t.code}`}>{modeText(v)}</span>
                {v?.initiatorText && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {v.initiatorText}
                  </Typography.Text>
                )}
              </Flex>
            </ProblemCell>
          ),
        },
        {
          title: '发起/配合部门',
          key: 'departments',
          width: 220,
          render: (_, t) => (
            <ProblemCell task={t} fields={['initiator', 'initiatingDepartment', 'cooperatingDepartments']}>
              <Flex vertical gap={2}>
                {t.initiator && <span>{t.initiator.guide ? `${t.initiator.initiator}/${t.initiator.guide}` : t.initiator.initiator}</span>}
                {t.initiatingDepartment && <span>发起：{t.initiatingDepartment}</span>}
                {t.cooperatingDepartments.length > 0 && <span>配合：{t.cooperatingDepartments.join('、')}</span>}
                {!t.initiator && !t.initiatingDepartment && t.cooperatingDepartments.length === 0 && '—'}
              </Flex>
            </ProblemCell>
          ),
        },
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
