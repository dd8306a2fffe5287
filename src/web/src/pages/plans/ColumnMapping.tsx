// 列对应 of an imported plan table: every header with the field it was read as (shown always, so
// nothing is guessed silently) and why — 按列名识别, 已记住的对应 (this unit chose it before), 本次指定.
// A header can be set to another field or 忽略; the table is then read again. What is set here is
// remembered for the unit when the plan is imported.
import { Alert, Flex, Select, Table, Tag, Typography } from 'antd';
import { IGNORE_LABEL, mappableFields, planFieldLabel } from '../../../../core/plan/columns.ts';
import type { ColumnTarget } from '../../../../core/plan/columns.ts';
import type { PlanPreview } from './planTypes.ts';

type MappingRow = PlanPreview['mapping'][number];

const sourceTag: Record<MappingRow['source'], { text: string; color: string }> = {
  header: { text: '按列名识别', color: 'default' },
  remembered: { text: '已记住的对应', color: 'blue' },
  chosen: { text: '本次指定', color: 'green' },
  unknown: { text: '未识别', color: 'orange' },
};

const targetOptions = [
  ...mappableFields.map((field) => ({ value: field as ColumnTarget, label: planFieldLabel[field] })),
  { value: 'ignore' as ColumnTarget, label: IGNORE_LABEL },
];

export function ColumnMapping({
  preview,
  onChange,
  busy,
}: {
  preview: PlanPreview;
  onChange: (header: string, target: ColumnTarget) => void;
  busy: boolean;
}) {
  const missing = preview.missing.required.map((field) => planFieldLabel[field]);
  const expected = preview.missing.expected.map((field) => planFieldLabel[field]);
  return (
    <Flex vertical gap={8} data-testid="plan-column-mapping">
      <Typography.Text strong>列对应（表头 → 字段）</Typography.Text>
      {missing.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="plan-column-missing"
          title={`表头中没有“${missing.join('、')}”列：请在下表中指定哪一列是${missing.join('、')}，才能导入。`}
        />
      )}
      {expected.length > 0 && (
        <Alert
          type="info"
          showIcon
          title={`表中没有读到：${expected.join('、')}。如有这些列，请在下表中指定；没有则导入后逐个任务填写。`}
        />
      )}
      <Table<MappingRow>
        size="small"
        rowKey="key"
        dataSource={preview.mapping}
        pagination={false}
        columns={[
          { title: '表头', dataIndex: 'header', width: 220 },
          {
            title: '读作',
            key: 'target',
            width: 220,
            render: (_, row) => (
              <Select<ColumnTarget>
                size="small"
                style={{ width: 200 }}
                value={row.target ?? undefined}
                placeholder="未识别：请选择"
                options={targetOptions}
                disabled={busy}
                onChange={(target) => onChange(row.header, target)}
                data-testid={`plan-column-${row.header}`}
              />
            ),
          },
          {
            title: '依据',
            key: 'source',
            render: (_, row) => <Tag color={sourceTag[row.source].color}>{sourceTag[row.source].text}</Tag>,
          },
        ]}
      />
      <Typography.Text type="secondary">修改后重新解析；导入时为本单位记住所指定的对应，下次导入同样的列名时自动采用。</Typography.Text>
    </Flex>
  );
}
