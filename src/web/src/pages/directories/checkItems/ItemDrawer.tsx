// One item with its 抽查指引 (seed 003: 一单两库一指引).
import { Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import type { CheckItem } from './types.ts';
import { ClaimTag } from './ClaimTag.tsx';

export function ItemDrawer({ item, onClose }: { item: CheckItem | null; onClose: () => void }) {
  return (
    <Drawer open={item !== null} onClose={onClose} width={640} title={item?.name} data-testid="check-item-drawer">
      {item && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="事项编码">{item.itemCode}</Descriptions.Item>
            <Descriptions.Item label="抽查类别">{item.category}</Descriptions.Item>
            <Descriptions.Item label="事项类别">{item.isKey ? <Tag color="red">重点检查事项</Tag> : '一般检查事项'}</Descriptions.Item>
            <Descriptions.Item label="抽查内容">{item.content || '—'}</Descriptions.Item>
            <Descriptions.Item label="检查依据">{item.legalBasis}</Descriptions.Item>
            <Descriptions.Item label="检查对象">{item.target}</Descriptions.Item>
            <Descriptions.Item label="检查方式">
              {item.methods.map((m) => (
                <Tag key={m}>{m}</Tag>
              ))}
            </Descriptions.Item>
            <Descriptions.Item label="检查主体">{item.subjectLevel}</Descriptions.Item>
            <Descriptions.Item label="检查人员要求">
              {item.staffRequirements.length > 0 ? item.staffRequirements.map((s) => <Tag key={s}>{s}</Tag>) : '—'}
            </Descriptions.Item>
            <Descriptions.Item label="本单位认领">
              <ClaimTag claim={item.claim} />
              {item.claim?.responsibleOffice && <Typography.Text type="secondary"> 负责：{item.claim.responsibleOffice}</Typography.Text>}
            </Descriptions.Item>
          </Descriptions>
          <div>
            <Typography.Title level={5}>抽查指引</Typography.Title>
            <Typography.Paragraph data-testid="check-item-guide" style={{ whiteSpace: 'pre-wrap' }}>
              {item.guide || '本事项尚无抽查指引。'}
            </Typography.Paragraph>
          </div>
        </Space>
      )}
    </Drawer>
  );
}
