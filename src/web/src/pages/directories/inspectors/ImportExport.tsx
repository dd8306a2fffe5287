// Import (.xlsx/.csv, checked first with dryRun, then applied all-or-nothing) and export (.xlsx).
// The file goes as the raw request body with X-File-Name (not multipart): src/server/http/app.ts.
import { App, Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ApiError } from '../../../api.ts';
import type { ImportResult, ImportRowError } from './types.ts';

async function sendImport(file: File, dryRun: boolean): Promise<ImportResult> {
  let response: Response;
  try {
    response = await fetch(`/api/inspectors/import?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { 'X-File-Name': encodeURIComponent(file.name), 'Content-Type': 'application/octet-stream', Accept: 'application/json' },
      body: file,
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'network_error', '无法连接服务器，请检查网络后重试。');
  }
  const body = (await response.json().catch(() => ({}))) as { code?: string; message?: string; details?: unknown };
  if (!response.ok)
    throw new ApiError(
      response.status,
      body.code ?? `http_${response.status}`,
      body.message ?? `导入失败（状态 ${response.status}），请稍后重试`,
      body.details,
    );
  return body as unknown as ImportResult;
}

type Stage =
  { kind: 'checked'; file: File; result: ImportResult } | { kind: 'failed'; error: ApiError } | { kind: 'done'; result: ImportResult };

export function ImportExportButtons({ mayWrite, onImported }: { mayWrite: boolean; onImported: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [stage, setStage] = useState<Stage | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();

  async function check(file: File) {
    setBusy(true);
    try {
      setStage({ kind: 'checked', file, result: await sendImport(file, true) });
    } catch (e) {
      setStage({ kind: 'failed', error: e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)) });
    } finally {
      setBusy(false);
    }
  }

  async function apply() {
    if (stage?.kind !== 'checked') return;
    setBusy(true);
    try {
      const result = await sendImport(stage.file, false);
      setStage({ kind: 'done', result });
      message.success(`导入完成：新增 ${result.created} 人，更新 ${result.updated} 人`);
      onImported();
    } catch (e) {
      setStage({ kind: 'failed', error: e instanceof ApiError ? e : new ApiError(0, 'client_error', String(e)) });
    } finally {
      setBusy(false);
    }
  }

  const rowErrors = stage?.kind === 'failed' ? ((stage.error.details as { errors?: ImportRowError[] } | undefined)?.errors ?? []) : [];

  return (
    <Space>
      {mayWrite && (
        <>
          <input
            ref={input}
            type="file"
            accept=".xlsx,.csv"
            style={{ display: 'none' }}
            data-testid="inspector-import-file"
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void check(file);
            }}
          />
          <Button loading={busy} onClick={() => input.current?.click()} data-testid="inspector-import">
            导入
          </Button>
        </>
      )}
      <Button href="/api/inspectors/export" data-testid="inspector-export">
        导出 .xlsx
      </Button>
      <Modal
        open={stage !== null}
        title="导入执法检查人员"
        onCancel={() => setStage(null)}
        width={760}
        footer={
          stage?.kind === 'checked'
            ? [
                <Button key="cancel" onClick={() => setStage(null)}>
                  取消
                </Button>,
                <Button key="ok" type="primary" loading={busy} onClick={apply} data-testid="inspector-import-apply">
                  确认导入
                </Button>,
              ]
            : [
                <Button key="close" onClick={() => setStage(null)}>
                  关闭
                </Button>,
              ]
        }
      >
        {stage?.kind === 'checked' && (
          <Alert
            type="info"
            showIcon
            title={`检查通过：共 ${stage.result.total} 行，将新增 ${stage.result.created} 人、更新 ${stage.result.updated} 人，${stage.result.unchanged} 人无变化。`}
            description="确认后一次性写入；任何一行出错都不会写入。"
          />
        )}
        {stage?.kind === 'done' && (
          <Alert
            type="success"
            showIcon
            title={`导入完成：新增 ${stage.result.created} 人，更新 ${stage.result.updated} 人，${stage.result.unchanged} 人无变化。`}
          />
        )}
        {stage?.kind === 'failed' && (
          <>
            <Alert type="error" showIcon title={stage.error.message} data-testid="inspector-import-error" style={{ marginBottom: 12 }} />
            {rowErrors.length > 0 && (
              <>
                <Typography.Paragraph type="secondary">以下行有错误（未导入任何数据），请修正后重新导入：</Typography.Paragraph>
                <Table<ImportRowError>
                  size="small"
                  rowKey={(e) => `${e.row}:${e.column}`}
                  dataSource={rowErrors}
                  pagination={{ pageSize: 10 }}
                  columns={[
                    { title: '行', dataIndex: 'row', width: 60 },
                    { title: '列', dataIndex: 'column', width: 110 },
                    { title: '值', dataIndex: 'value', width: 140 },
                    { title: '问题及改法', dataIndex: 'message' },
                  ]}
                />
              </>
            )}
          </>
        )}
      </Modal>
    </Space>
  );
}
