// 解析预览 of a pasted or uploaded plan table: how many tasks, every cell that could not be
// read (row, 序号, column, text as written, why), and the structured values of each task.
import { Alert, Flex, Table, Tag, Typography } from 'antd';
import type { ParseProblem, PlanPreview, PreviewTask } from './planTypes.ts';
import { frequencyText, itemsText, modeText, periodText, quotaText, riskPolicyText, taskTypeText } from './planFormat.ts';

export function ParsePreview({ preview }: { preview: PlanPreview }) {
  const unknownColumns = preview.columns.filter((c) => c.field === null && !c.ignored && c.header !== '').map((c) => c.header);
  return (
    <Flex vertical gap={8} data-testid="plan-preview">
      <Alert
        type={preview.errorCount > 0 ? 'warning' : 'success'}
        showIcon
        title={
          <span data-testid="plan-preview-summary">
            识别出 <b data-testid="plan-preview-task-count">{preview.taskCount}</b> 个任务；无法识别的单元格 {preview.errorCount}{' '}
            个，需核对的 {preview.warningCount} 个。
          </span>
        }
        description={
          preview.errorCount > 0
            ? '无法识别的单元格会随任务保存并标红，请导入后在任务表中逐一修改，全部改正后才能发布。'
            : '导入后保存为草稿，可继续修改再发布。'
        }
      />
      {unknownColumns.length > 0 && <Alert type="info" showIcon title={`未识别的列（内容原样保留）：${unknownColumns.join('、')}`} />}
      {preview.problems.length > 0 && (
        <>
          <Typography.Text strong>问题单元格（{preview.problems.length}）</Typography.Text>
          <Table<ParseProblem>
            size="small"
            data-testid="plan-preview-problems"
            rowKey={(p) => `${p.line}-${p.column ?? ''}-${p.message}`}
            dataSource={preview.problems}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: '任务行', dataIndex: 'row', width: 70, render: (v: number | null) => v ?? '表头' },
              { title: '序号', dataIndex: 'seq', width: 60, render: (v: string | null) => v ?? '—' },
              { title: '列', dataIndex: 'column', width: 130, render: (v: string | null) => v ?? '整行' },
              { title: '原文', dataIndex: 'raw', width: 200, ellipsis: true },
              { title: '问题', dataIndex: 'message' },
              {
                title: '级别',
                dataIndex: 'severity',
                width: 70,
                render: (s: ParseProblem['severity']) => (s === 'error' ? <Tag color="red">错误</Tag> : <Tag color="orange">提示</Tag>),
              },
            ]}
          />
        </>
      )}
      <Typography.Text strong>任务（{preview.tasks.length}）</Typography.Text>
      <Table<PreviewTask>
        size="small"
        data-testid="plan-preview-tasks"
        rowKey="row"
        dataSource={preview.tasks}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 1100 }}
        columns={[
          { title: '序号', dataIndex: 'seq', width: 56, render: (v: number | null) => v ?? '—' },
          { title: '任务名称', dataIndex: 'name', width: 220, render: (v: string | null) => v ?? '—' },
          { title: '类型', dataIndex: 'taskType', width: 70, render: taskTypeText },
          { title: '事项', dataIndex: 'items', width: 70, render: (v: string[] | null) => itemsText(v ?? []) },
          { title: '对象范围', dataIndex: 'population', width: 160, render: (v: string | null) => v ?? '—' },
          {
            title: '比例/数量（读作）',
            key: 'quota',
            width: 200,
            // The value understood, with the sentence it was read from when that was prose.
            render: (_, t) => {
              const understood = quotaText(t.quota);
              const written = (t.cells.quota ?? '').trim();
              return (
                <span data-testid={`plan-preview-quota-${t.row}`}>
                  {understood}
                  {written !== '' && written !== understood && (
                    <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                      原文：{written}
                    </Typography.Text>
                  )}
                </span>
              );
            },
          },
          { title: '频次', key: 'frequency', width: 110, render: (_, t) => frequencyText(t.frequency, t.batchesPerYear) },
          { title: '风险分类', dataIndex: 'riskPolicy', width: 160, ellipsis: true, render: riskPolicyText },
          { title: '起止时间', dataIndex: 'period', width: 120, render: periodText },
          { title: '模式', dataIndex: 'mode', width: 90, render: modeText },
        ]}
      />
      {preview.skipped.length > 0 && (
        <Typography.Text type="secondary">
          跳过的行：
          {preview.skipped
            .map((s) => `第${s.line}行（${s.kind === 'repeatedHeader' ? '重复表头' : s.kind === 'header' ? '表头' : '表外文字'}）`)
            .join('、')}
        </Typography.Text>
      )}
    </Flex>
  );
}
