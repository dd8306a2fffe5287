// Import of a row directory (.xlsx/.csv: checked first with dryRun, then written all-or-nothing)
// and its export (.xlsx, the import layout) — the 执法检查人员 and the 其他检查对象 toolbars, and the
// 专业领域风险分级 import of the 市场主体 toolbar (no export). The file goes through the console's
// one upload helper (api.ts uploadFile).
import { App, Alert, Button, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { FileButton } from '../../components/FileButton.tsx';
import type { ImportRowError } from '../../../../server/files/rowImport.ts';
import { uploadFile, type ApiError, type ApiOutput } from '../../api.ts';
import { toApiError } from '../../useApiData.ts';

type ImportEndpoint = 'POST /api/inspectors/import' | 'POST /api/directory-objects/import';
export type RowImportResult = ApiOutput<ImportEndpoint>;

/** What the dialog and the toast say, from one summary of the file: 检查通过，… / 导入完成，… */
export function summaryTexts(summary: (r: RowImportResult) => string) {
  return {
    checked: (r: RowImportResult) => `检查通过，${summary(r)}。`,
    done: (r: RowImportResult) => `导入完成，${summary(r)}。`,
    toast: (r: RowImportResult) => `导入完成，${summary(r)}`,
  };
}

/** The row errors a refused import names (none for other refusals). */
export function rowErrorsOf<E>(error: ApiError | null | undefined): E[] {
  return (error?.details as { errors?: E[] } | undefined)?.errors ?? [];
}

export function RowImportExport({
  endpoint,
  exportHref,
  importLabel = '导入',
  testId,
  title,
  texts,
  mayWrite,
  onImported,
}: {
  endpoint: ImportEndpoint;
  /** The export of the same layout; none for an import only. */
  exportHref?: string;
  /** The import button's text. */
  importLabel?: string;
  /** Prefix of the controls' test ids: `${testId}-import`, `${testId}-export`, … */
  testId: string;
  title: string;
  /** What the dialog and the toast say of a checked and of a written file. */
  texts: { checked: (r: RowImportResult) => string; done: (r: RowImportResult) => string; toast: (r: RowImportResult) => string };
  mayWrite: boolean;
  onImported: () => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<RowImportResult | null>(null);
  const [done, setDone] = useState<RowImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const { message } = App.useApp();
  const open = checked !== null || done !== null || error !== null;

  async function run(target: File, dryRun: boolean) {
    setBusy(true);
    setError(null);
    try {
      const result = await uploadFile(endpoint, target, { query: { dryRun: dryRun ? 'true' : 'false' } });
      if (dryRun) setChecked(result);
      else {
        setChecked(null);
        setDone(result);
        message.success(texts.toast(result));
        onImported();
      }
    } catch (e) {
      setChecked(null);
      setError(toApiError(e));
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
  const rowErrors = rowErrorsOf<ImportRowError>(error);

  return (
    <Space>
      {mayWrite && (
        <>
          <FileButton
            accept=".xlsx,.csv"
            fileTestId={`${testId}-import-file`}
            testId={`${testId}-import`}
            loading={busy}
            onPick={(chosen) => {
              setFile(chosen);
              void run(chosen, true);
            }}
          >
            {busy ? '正在上传并检查…' : importLabel}
          </FileButton>
        </>
      )}
      {exportHref !== undefined && (
        <Button href={exportHref} data-testid={`${testId}-export`}>
          导出 .xlsx
        </Button>
      )}
      <Modal
        open={open}
        title={title}
        onCancel={close}
        width={760}
        footer={
          checked && file ? (
            <Space>
              <Button onClick={close}>取消</Button>
              <Button type="primary" loading={busy} onClick={() => void run(file, false)} data-testid={`${testId}-import-apply`}>
                确认导入
              </Button>
            </Space>
          ) : (
            <Button onClick={close}>关闭</Button>
          )
        }
      >
        {checked && <Alert type="info" showIcon title={texts.checked(checked)} description="确认后一次性写入；任何一行出错都不会写入。" />}
        {done && <Alert type="success" showIcon title={texts.done(done)} />}
        {error && <Alert type="error" showIcon title={error.message} data-testid={`${testId}-import-error`} style={{ marginBottom: 12 }} />}
        {rowErrors.length > 0 && (
          <>
            <Typography.Paragraph type="secondary">以下行有错误（未导入任何数据），请修正后重新导入：</Typography.Paragraph>
            <Table<ImportRowError>
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
