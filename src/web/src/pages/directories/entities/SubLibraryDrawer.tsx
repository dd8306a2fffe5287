// 名录分库详情: the rule, the live count with per-risk-class counts, a paged preview of the
// matching entities, and the check items mapped to it (事项 → 对象), with link/unlink.
import { App, Button, Descriptions, Divider, Drawer, Form, Input, Space, Table, Typography } from 'antd';
import { call } from '../../../api.ts';
import { ApiErrorAlert } from '../../../components/ApiErrorAlert.tsx';
import { RiskClassTag } from '../../../components/RiskClassTag.tsx';
import { TagList } from '../../../components/TagList.tsx';
import { subjectTypeName } from '../../../labels.ts';
import { toApiError, useEndpoint } from '../../../useApiData.ts';
import { usePagedQuery } from '../../../usePagedQuery.ts';
import { RiskCountTags } from './SubLibraryForm.tsx';
import type { ItemLink, SubLibraryEntity, SubLibraryView } from './subLibraryTypes.ts';

function ItemLinks({ library, mayWrite }: { library: SubLibraryView; mayWrite: boolean }) {
  const { message } = App.useApp();
  const links = useEndpoint('GET /api/sub-libraries/:id/items', { params: { id: library.id } });
  const [form] = Form.useForm<{ issuingUnitCode: string; itemCode: string }>();
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await action();
      message.success(done);
      links.reload();
    } catch (e) {
      message.error(toApiError(e).message);
    }
  };
  return (
    <>
      {links.error && <ApiErrorAlert error={links.error} onRetry={links.reload} />}
      <Table<ItemLink>
        data-testid="sub-library-items"
        size="small"
        rowKey={(l) => `${l.unitCode}:${l.issuingUnitCode}:${l.itemCode}`}
        loading={links.loading}
        dataSource={links.data?.items}
        pagination={false}
        locale={{ emptyText: '尚未对应抽查事项' }}
        columns={[
          { title: '事项编码', dataIndex: 'itemCode', width: 120 },
          { title: '抽查事项', dataIndex: 'itemName', render: (v: string | null) => v ?? '（清单中已无此事项）' },
          { title: '清单发布单位', dataIndex: 'issuingUnitCode', width: 130 },
          { title: '对应单位', dataIndex: 'unitName', width: 160 },
          {
            title: '',
            width: 80,
            render: (_: unknown, l: ItemLink) =>
              mayWrite && l.editable ? (
                <Button
                  size="small"
                  danger
                  onClick={() =>
                    run(
                      () =>
                        call('DELETE /api/sub-libraries/:id/items', {
                          params: { id: library.id },
                          query: { issuingUnitCode: l.issuingUnitCode, itemCode: l.itemCode },
                        }),
                      '已取消对应',
                    )
                  }
                >
                  取消
                </Button>
              ) : null,
          },
        ]}
      />
      {mayWrite && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12 }}
          onFinish={(v) =>
            run(() => call('POST /api/sub-libraries/:id/items', { params: { id: library.id }, body: v }), '已对应到本分库').then(() =>
              form.resetFields(),
            )
          }
        >
          <Form.Item name="issuingUnitCode" rules={[{ required: true, message: '请填写清单发布单位代码' }]}>
            <Input placeholder="清单发布单位代码，如 140500" style={{ width: 220 }} />
          </Form.Item>
          <Form.Item name="itemCode" rules={[{ required: true, message: '请填写事项编码' }]}>
            <Input placeholder="事项编码" style={{ width: 160 }} />
          </Form.Item>
          <Button htmlType="submit">对应抽查事项</Button>
        </Form>
      )}
    </>
  );
}

export function SubLibraryDrawer({
  library,
  mayWrite,
  onClose,
}: {
  library: SubLibraryView | null;
  mayWrite: boolean;
  onClose: () => void;
}) {
  return (
    <Drawer
      open={library !== null}
      onClose={onClose}
      size="large"
      title={library ? `名录分库 · ${library.name}` : '名录分库'}
      data-testid="sub-library-drawer"
      destroyOnHidden
    >
      {library && <SubLibraryDetail library={library} mayWrite={mayWrite} />}
    </Drawer>
  );
}

function SubLibraryDetail({ library, mayWrite }: { library: SubLibraryView; mayWrite: boolean }) {
  const members = usePagedQuery('GET /api/sub-libraries/:id/entities', {}, { params: { id: library.id } });
  return (
    <>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="定义单位">{library.unitName}</Descriptions.Item>
        <Descriptions.Item label="说明">{library.description || '—'}</Descriptions.Item>
        <Descriptions.Item label="规则">{library.ruleText}</Descriptions.Item>
        <Descriptions.Item label="本单位范围内实时户数">
          <Space wrap>
            <Typography.Text strong data-testid="sub-library-count">
              {library.count}
            </Typography.Text>
            <RiskCountTags counts={library.byRiskClass} />
          </Space>
        </Descriptions.Item>
      </Descriptions>
      <Divider titlePlacement="start">对应的抽查事项（事项 → 对象）</Divider>
      <ItemLinks library={library} mayWrite={mayWrite} />
      <Divider titlePlacement="start">符合规则的市场主体</Divider>
      {members.error && <ApiErrorAlert error={members.error} onRetry={members.reload} />}
      <Table<SubLibraryEntity>
        data-testid="sub-library-entities"
        size="small"
        rowKey={(e) => `${e.regionCode}:${e.uscc}`}
        loading={members.loading}
        dataSource={members.data?.items}
        pagination={members.pagination}
        scroll={{ x: 900 }}
        columns={[
          {
            title: '统一社会信用代码',
            dataIndex: 'uscc',
            width: 180,
            render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
          },
          { title: '名称', dataIndex: 'name', width: 200 },
          { title: '主体类别', dataIndex: 'subjectType', width: 100, render: (v: string) => subjectTypeName(v) },
          { title: '登记状态', dataIndex: 'regStatus', width: 80 },
          { title: '风险分类', dataIndex: 'riskClass', width: 100, render: (v: string | null) => <RiskClassTag riskClass={v} /> },
          { title: '标签', dataIndex: 'tags', render: (v: string[]) => <TagList values={v} /> },
        ]}
      />
    </>
  );
}
