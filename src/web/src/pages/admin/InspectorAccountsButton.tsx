// 为执法检查人员开通账号: choose people of 执法检查人员名录库 (在岗, without a login), give each a
// username, one initial password for all; each account gets the 执法检查人员 role at the person's
// unit, is linked to the person, and must change the password at the first login. All or nothing.
import { Button, Input, Modal, Select, Table, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { call } from '../../api.ts';
import { useAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';

interface Row {
  inspectorId: string;
  name: string;
  unitName: string;
  username: string;
}

export function InspectorAccountsButton({ onCreated }: { onCreated: () => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [rows, setRows] = useState<Row[]>([]);
  const [password, setPassword] = useState('');
  const { busy: saving, run } = useAction();
  const people = useEndpoint('GET /api/users/linkable-inspectors', open ? { query: { q: q || undefined } } : null);
  const options = (people.data?.items ?? []).filter((p) => !rows.some((r) => r.inspectorId === p.id));
  const add = (id: string) => {
    const p = people.data?.items.find((x) => x.id === id);
    if (!p) return;
    setRows((rs) => [...rs, { inspectorId: p.id, name: p.name, unitName: p.unitName, username: '' }]);
  };
  const save = () =>
    run(async () => {
      const answer = await call('POST /api/users/inspector-accounts', {
        body: { initialPassword: password, accounts: rows.map((r) => ({ inspectorId: r.inspectorId, username: r.username })) },
      });
      setOpen(false);
      setRows([]);
      setPassword('');
      onCreated();
      return `已开通 ${answer.created.length} 个账号：${answer.created.map((c) => `${c.inspectorName}（${c.username}）`).join('、')}`;
    });
  return (
    <>
      <Button onClick={() => setOpen(true)} data-testid="inspector-accounts-open">
        为执法检查人员开通账号
      </Button>
      <Modal
        title="为执法检查人员开通账号"
        width={760}
        open={open}
        onCancel={() => setOpen(false)}
        onOk={() => void save()}
        okText={`开通 ${rows.length} 个账号`}
        confirmLoading={saving}
        okButtonProps={
          {
            disabled: rows.length === 0 || rows.some((r) => r.username.trim() === '') || password === '',
            'data-testid': 'inspector-accounts-save',
          } as ButtonProps
        }
      >
        <Typography.Paragraph type="secondary">
          每人一个账号，角色为执法检查人员（所在单位），自动关联名录库中的本人；首次登录须修改初始密码。任一账号不能开通时全部不开通，并说明原因。
        </Typography.Paragraph>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          value={null}
          onChange={(id: string | null) => id && add(id)}
          loading={people.loading}
          placeholder="输入姓名或执法证号，选择要开通账号的人员"
          style={{ width: '100%', marginBottom: 12 }}
          data-testid="inspector-accounts-select"
          options={options.map((p) => ({ value: p.id, label: `${p.name}（${p.unitName}${p.certNo ? ` · ${p.certNo}` : ''}）` }))}
        />
        <Table<Row>
          size="small"
          rowKey="inspectorId"
          pagination={false}
          dataSource={rows}
          locale={{ emptyText: '尚未选择人员' }}
          columns={[
            { title: '姓名', dataIndex: 'name', width: 100 },
            { title: '所在单位', dataIndex: 'unitName' },
            {
              title: '用户名',
              dataIndex: 'username',
              width: 200,
              render: (_: unknown, row, index) => (
                <Input
                  value={row.username}
                  placeholder="小写字母、数字、点"
                  data-testid={`inspector-account-username-${index}`}
                  onChange={(e) =>
                    setRows((rs) => rs.map((r) => (r.inspectorId === row.inspectorId ? { ...r, username: e.target.value } : r)))
                  }
                />
              ),
            },
            {
              title: '',
              width: 60,
              render: (_: unknown, row) => (
                <Button type="link" size="small" onClick={() => setRows((rs) => rs.filter((r) => r.inspectorId !== row.inspectorId))}>
                  移除
                </Button>
              ),
            },
          ]}
        />
        <Input.Password
          style={{ marginTop: 12 }}
          placeholder="初始密码（至少 10 位，含大写、小写、数字、符号中的三类）"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          data-testid="inspector-accounts-password"
        />
      </Modal>
    </>
  );
}
