// 导入新版本: the file is checked first (dryRun), then stored as a draft version, all-or-nothing.
// Row errors come back as JSON (row, column, value, why) and are listed here.
import { Alert, Button, Input, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { FileButton } from '../../../components/FileButton.tsx';
import { uploadFile, type ApiError } from '../../../api.ts';
import { toApiError } from '../../../useApiData.ts';
import { rowErrorsOf } from '../RowImportExport.tsx';
import type { ImportResult, RowError } from './types.ts';

function sendImport(file: File, title: string, dryRun: boolean): Promise<ImportResult> {
  return uploadFile('POST /api/check-items/versions/import', file, {
    query: { title, dryRun: dryRun ? 'true' : 'false' },
  }) as Promise<unknown> as Promise<ImportResult>;
}

export function ImportVersionModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
  onClose: () => void;
  onImported: (versionId: string) => void;
}) {
  const [title, setTitle] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setChecked(null);
    setError(null);
  };

  async function run(dryRun: boolean, chosen: File) {
    setBusy(true);
    setError(null);
    try {
      const result = await sendImport(chosen, title.trim(), dryRun);
      if (dryRun) setChecked(result);
      else {
        reset();
        setTitle('');
        onImported(result.versionId!);
      }
    } catch (e) {
      setChecked(null);
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  }

  const rowErrors = rowErrorsOf<RowError>(error);
  return (
    <Modal
      open={open}
      title="导入随机抽查事项清单（新版本）"
      width={820}
      onCancel={() => {
        reset();
        onClose();
      }}
      footer={[
        <Button key="close" onClick={onClose}>
          关闭
        </Button>,
        <Button
          key="ok"
          type="primary"
          disabled={!checked || !file}
          loading={busy}
          onClick={() => file && run(false, file)}
          data-testid="check-items-import-apply"
        >
          导入为草稿
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          表头按正式清单格式：序号、事项编码、抽查类别、抽查事项、抽查内容、检查依据、检查对象、检查方式、检查主体、事项类别（重点/一般）、检查人员要求、抽查指引。
          事项编码在各版本间保持不变，用于比对差异；未填时按“抽查类别＋抽查事项”生成。任何一行有错都不会导入。
        </Typography.Paragraph>
        <Input
          placeholder="清单标题，如：山西省市场监管系统随机抽查事项清单（第四版）"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="check-items-import-title"
        />
        <FileButton
          accept=".xlsx,.csv"
          fileTestId="check-items-import-file"
          testId="check-items-import-choose"
          loading={busy}
          disabled={title.trim().length < 2}
          onPick={(chosen) => {
            setFile(chosen);
            void run(true, chosen);
          }}
        >
          {file ? `重新选择文件（当前：${file.name}）` : '选择文件并检查'}
        </FileButton>
        {checked && (
          <Alert
            type="success"
            showIcon
            data-testid="check-items-import-checked"
            title={`检查通过：${checked.itemCount} 个事项（重点 ${checked.keyItems} 个），抽查类别 ${checked.categories.length} 个。`}
            description={
              checked.unknownColumns.length > 0
                ? `未识别、将忽略的列：${checked.unknownColumns.join('、')}`
                : '确认后保存为草稿版本，核对差异后再发布。'
            }
          />
        )}
        {error && <Alert type="error" showIcon title={error.message} data-testid="check-items-import-error" />}
        {rowErrors.length > 0 && (
          <Table<RowError>
            size="small"
            rowKey={(e) => `${e.rowNumber}-${e.column}`}
            dataSource={rowErrors}
            pagination={{ pageSize: 10 }}
            data-testid="check-items-import-row-errors"
            columns={[
              { title: '行', dataIndex: 'rowNumber', width: 60 },
              { title: '列', dataIndex: 'column', width: 110 },
              { title: '内容', dataIndex: 'value', width: 140, ellipsis: true },
              { title: '问题与改法', dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
