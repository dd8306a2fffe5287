// 关联执法检查人员: link a login to its person of 执法检查人员名录库 (PUT /api/users/:id/inspector),
// or unlink it when the person leaves (调离/退休) — the person's visits and results stay on record.
import { Button, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { call } from '../../api.ts';
import type { UserRow } from '../../apiTypes.ts';
import { useAction } from '../../useAction.ts';
import { useEndpoint } from '../../useApiData.ts';

export function InspectorLinkButton({ user, onChanged }: { user: UserRow; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [chosen, setChosen] = useState<string | null>(null);
  const { busy: saving, run } = useAction();
  const people = useEndpoint('GET /api/users/linkable-inspectors', open ? { query: { q: q || undefined } } : null);
  const save = (inspectorId: string | null) =>
    run(async () => {
      const answer = await call('PUT /api/users/:id/inspector', { params: { id: user.id }, body: { inspectorId } });
      setOpen(false);
      onChanged();
      return answer.inspector ? `已将 ${user.username} 关联到 ${answer.inspector.name}` : `已解除 ${user.username} 的关联`;
    });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`user-link-${user.username}`}>
        {user.inspector ? '更改关联' : '关联人员'}
      </Button>
      <Modal
        title={`关联执法检查人员：${user.displayName}（${user.username}）`}
        open={open}
        onCancel={() => setOpen(false)}
        footer={
          <Space>
            {user.inspector && (
              <Button danger loading={saving} onClick={() => void save(null)} data-testid="user-unlink">
                解除关联
              </Button>
            )}
            <Button onClick={() => setOpen(false)}>取消</Button>
            <Button type="primary" disabled={!chosen} loading={saving} onClick={() => void save(chosen)} data-testid="user-link-save">
              关联
            </Button>
          </Space>
        }
      >
        <Typography.Paragraph>
          {user.inspector ? `当前关联：${user.inspector.name}（${user.inspector.status}）。` : '尚未关联。'}
          关联后，该账号登录即可看到分配给这名人员的检查任务、录入和确认检查结果。人员调离或退休时请解除关联，其检查记录保留。
        </Typography.Paragraph>
        <Select
          showSearch
          filterOption={false}
          onSearch={setQ}
          value={chosen ?? undefined}
          onChange={setChosen}
          loading={people.loading}
          placeholder="输入姓名或执法证号查找在岗、尚无账号的人员"
          style={{ width: '100%' }}
          data-testid="user-link-select"
          options={(people.data?.items ?? []).map((p) => ({
            value: p.id,
            label: `${p.name}（${p.unitName}${p.certNo ? ` · ${p.certNo}` : ''}）`,
          }))}
        />
      </Modal>
    </>
  );
}
