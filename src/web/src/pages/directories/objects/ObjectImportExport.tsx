// 其他检查对象 import (.xlsx/.csv: checked first with dryRun, then written all-or-nothing) and
// export (.xlsx, the import layout). The file goes as the raw request body with X-File-Name
// (src/server/http/app.ts), so it is sent with fetch rather than apiRequest (JSON only).
import { App, Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError, withQuery } from '../../../api.ts';
import type { ObjectImportResult, ObjectImportRowError } from './types.ts';

async function uploadObjects(file: File, dryRun: boolean): Promise<ObjectImportResult> {
  const response = await fetch(`/api/directory-objects/import?dryRun=${dryRun}`, {
    method: 'POST',
    headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
    body: file,
    credentials: 'same-origin',
  }).catch(() => {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试。');
  });
  const body = (await response.json().catch(() => ({}))) as Partial<ObjectImportResult> & {
    code?: string;
    message?: string;
    details?: unknown;
  };
  if (!response.ok)
    throw new ApiError(
      response.status,
      body.code ?? `http_${response.status}`,
      body.message ?? `导入失败（状态 ${response.status}），请稍后重试`,
      body.details,
    );
  return body as ObjectImportResult;
}

const summary = (r: ObjectImportResult) => `共 ${r.total} 行：新增 ${r.created} 个，更新 ${r.updated} 个，${r.unchanged} 个无变化`;

export function ObjectImportExport({ mayWrite, kind, onImported }: { mayWrite: boolean; kind?: string; onImported: () => void }) {
  const picker = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ObjectImportResult | null>(null);
  const [done, setDone] = useState<ObjectImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const open = checked !== null || done !== null || error !== null;

  async function run(target: File, dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await uploadObjects(target, dryRun);
      if (dryRun) setChecked(result);
      else {
        setChecked(null);
        setDone(result);
        message.success(`导入完成，${summary(result)}`);
        onImported();
      }
    } catch (e) {
      setChecked(null);
      setError(e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    setChecked(null);
    setDone(null);
    setError(null);
    setFile(null);
  };
  const rowErrors = (error?.details as { errors?: ObjectImportRowError[] } | undefined)?.errors ?? [];

  return (
    <Space>
      {mayWrite && (
        <>
          <input
            ref={picker}
            type="file"
            accept=".xlsx,.csv"
            hidden
            data-testid="object-import-file"
            onChange={(e) => {
              const chosen = e.target.files?.[0];
              e.target.value = '';
              if (!chosen) return;
              setFile(chosen);
              void run(chosen, true);
            }}
          />
          <Button loading={busy} onClick={() => picker.current?.click()} data-testid="object-import">
            导入
          </Button>
        </>
      )}
      <Button href={withQuery('/api/directory-objects/export', { kind })} data-testid="object-export">
        导出 .xlsx
      </Button>
      <Modal
        open={open}
        title="导入其他检查对象（产品/项目/行为）"
        onCancel={close}
        width={760}
        footer={
          checked && file ? (
            <Space>
              <Button onClick={close}>取消</Button>
              <Button type="primary" loading={busy} onClick={() => void run(file, false)} data-testid="object-import-apply">
                确认导入
              </Button>
            </Space>
          ) : (
            <Button onClick={close}>关闭</Button>
          )
        }
      >
        {checked && (
          <Alert type="info" showIcon title={`检查通过，${summary(checked)}。`} description="确认后一次性写入；任何一行出错都不会写入。" />
        )}
        {done && <Alert type="success" showIcon title={`导入完成，${summary(done)}。`} />}
        {error && <Alert type="error" showIcon title={error.message} data-testid="object-import-error" style={{ marginBottom: 12 }} />}
        {rowErrors.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">以下行有错误（未导入任何数据），请修正后重新导入：</Typography.Paragraph>
            <Table<ObjectImportRowError>
              size="small"
              rowKey={(e) => `${e.row}:${e.column}:${e.message}`}
              dataSource={rowErrors}
              pagination={{ pageSize: 10 }}
              columns={[
                { title: '行', dataIndex: 'row', width: 60 },
                { title: '列', dataIndex: 'column', width: 140 },
                { title: '值', dataIndex: 'value', width: 140 },
                { title: '问题及改法', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Modal>
    </Space>
  );
}
