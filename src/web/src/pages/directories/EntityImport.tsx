// 检查对象名录库导入 (市场主体名录, 信用风险分类推送, 专业领域风险分级): choose a .xlsx/.csv, start a
// background import job, follow its progress bar, then read the summary (新增/更新/未变/错误/警告), the
// first problems and download the row-level error report. A file with errors imports nothing unless
// "只导入正确的行" is chosen; the 专业领域风险分级 import has no such choice (all rows or none).
import { Alert, Button, Checkbox, Descriptions, Flex, Modal, Progress, Radio, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { canWrite } from '../../../../core/access/policy.ts';
import { call, uploadFile, type ApiError, type ApiOutput } from '../../api.ts';
import { toApiError } from '../../useApiData.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { useSession } from '../../session.tsx';
import { importProgressLine, importProgressPercent } from './importProgress.ts';

type ImportKind = 'entities' | 'risk-classes' | 'classifications';

type JobDetail = ApiOutput<'GET /api/jobs/:id'>;
type JobView = JobDetail['job'];
type Issue = JobDetail['issues'][number];

const finished = (status: JobView['status']) => status === 'succeeded' || status === 'failed' || status === 'cancelled';

const importEndpoint = {
  entities: 'POST /api/imports/entities',
  'risk-classes': 'POST /api/imports/risk-classes',
  classifications: 'POST /api/imports/classifications',
} as const;

/** Imports that may leave out their bad rows (“只导入正确的行”); the others write all rows or none. */
const mayImportValidOnly = (kind: ImportKind) => kind !== 'classifications';

const kindHelp: Record<ImportKind, string> = {
  entities:
    '支持 .xlsx 和 .csv（UTF-8 或 GBK），最大 200 MB。必需列：统一社会信用代码、名称；可选列：主体类别、企业类型、登记状态、成立日期、住所、法定代表人、登记机关、所属区划、管辖单位、行业代码、许可资质、标签、风险分类、风险分类日期。文件中没有的列保留原值。',
  'risk-classes':
    '必需列：统一社会信用代码、风险分类（A/B/C/D）；可选列：风险分类日期（空则为今天）。只更新名录库中已有、且由本单位及下级单位管辖的主体。',
  classifications:
    '必需列：统一社会信用代码、分级类别（食品生产经营风险分级、特种设备风险分级等）、风险等级（A/B/C/D）；可选列：主体名称、评定日期（空则为今天）、来源。主体须在本单位及下级单位的名录库中；全部行正确才写入，有错误的行时不写入任何数据，并列出每一处错误的行和列。',
};

function startUpload(kind: ImportKind, file: File, options: { dryRun: boolean; validOnly: boolean }) {
  const flag = (on: boolean) => (on ? 'true' : 'false');
  return uploadFile(importEndpoint[kind], file, { query: { dryRun: flag(options.dryRun), validOnly: flag(options.validOnly) } });
}

/** Toolbar button of the entity tab: opens the import dialog. Hidden for roles that may not write. */
export function EntityImportButton({ onImported }: { onImported?: () => void }) {
  const { role } = useSession();
  const [open, setOpen] = useState<ImportKind | null>(null);
  if (role === null || !canWrite(role, 'directories')) return null;
  return (
    <>
      <Button icon={<UploadOutlined />} data-testid="entity-import-open" onClick={() => setOpen('entities')}>
        导入
      </Button>
      <Button icon={<UploadOutlined />} data-testid="classification-import-open" onClick={() => setOpen('classifications')}>
        导入专业领域风险分级
      </Button>
      {open && <EntityImportDialog initialKind={open} onClose={() => setOpen(null)} onImported={onImported} />}
    </>
  );
}

function EntityImportDialog({
  initialKind,
  onClose,
  onImported,
}: {
  initialKind: ImportKind;
  onClose: () => void;
  onImported?: () => void;
}) {
  const [kind, setKind] = useState<ImportKind>(initialKind);
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [validOnly, setValidOnly] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [job, setJob] = useState<JobView | null>(null);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [busy, setBusy] = useState(false);
  const timer = useRef<number | null>(null);

  useEffect(
    () => () => {
      if (timer.current !== null) window.clearTimeout(timer.current);
    },
    [],
  );

  const poll = async (jobId: string) => {
    try {
      const detail = await call('GET /api/jobs/:id', { params: { id: jobId } });
      const view = { job: detail.job as JobView, issues: detail.issues };
      setJob(view.job);
      setIssues(view.issues);
      if (finished(view.job.status)) {
        setBusy(false);
        if (view.job.summary?.applied) onImported?.();
        return;
      }
      timer.current = window.setTimeout(() => void poll(jobId), 400);
    } catch (e) {
      setBusy(false);
      setError(toApiError(e));
    }
  };

  const start = async (options: { dryRun: boolean; validOnly: boolean }) => {
    if (!file) return;
    setBusy(true);
    setError(null);
    setJob(null);
    setIssues([]);
    try {
      const { jobId } = await startUpload(kind, file, { ...options, validOnly: options.validOnly && mayImportValidOnly(kind) });
      await poll(jobId);
    } catch (e) {
      setBusy(false);
      setError(toApiError(e));
    }
  };

  const summary = job?.summary ?? null;
  const percent = job ? importProgressPercent(job) : undefined;

  return (
    <Modal open title="导入检查对象名录库" width={860} onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} destroyOnHidden>
      <Flex vertical gap={12}>
        <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} disabled={busy}>
          <Radio value="entities">市场主体名录（按统一社会信用代码新增或更新）</Radio>
          <Radio value="risk-classes">信用风险分类推送（只更新风险分类）</Radio>
          <Radio value="classifications" data-testid="entity-import-kind-classifications">
            专业领域风险分级（食品生产经营、特种设备等）
          </Radio>
        </Radio.Group>
        <Typography.Text type="secondary">{kindHelp[kind]}</Typography.Text>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setJob(null);
            setError(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          disabled={busy}
        >
          <Button icon={<UploadOutlined />} data-testid="entity-import-choose">
            选择文件
          </Button>
        </Upload>
        <Flex gap={16} align="center">
          <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} disabled={busy} data-testid="entity-import-dry-run">
            试运行（只检查，不写入）
          </Checkbox>
          {mayImportValidOnly(kind) && (
            <Checkbox
              checked={validOnly}
              onChange={(e) => setValidOnly(e.target.checked)}
              disabled={busy}
              data-testid="entity-import-valid-only-option"
            >
              有错误时只导入正确的行
            </Checkbox>
          )}
          <Button
            type="primary"
            disabled={!file || busy}
            loading={busy}
            onClick={() => void start({ dryRun, validOnly })}
            data-testid="entity-import-start"
          >
            开始导入
          </Button>
        </Flex>

        {error && <ApiErrorAlert error={error} />}

        {job && !finished(job.status) && (
          <div data-testid="entity-import-progress">
            <Typography.Text>{importProgressLine(job)}</Typography.Text>
            <Progress percent={percent ?? 100} status="active" showInfo={percent !== undefined} />
          </div>
        )}

        {job && finished(job.status) && (
          <Flex vertical gap={12} data-testid="entity-import-result">
            {job.status === 'succeeded' ? (
              <Alert
                type="success"
                showIcon
                title={summary?.dryRun ? '试运行完成：未写入任何数据，以下为预计结果' : `导入完成：${job.fileName ?? ''}`}
              />
            ) : (
              <Alert type="error" showIcon title={job.errorMessage ?? '导入失败'} data-testid="entity-import-failed" />
            )}
            {summary && (
              <Descriptions size="small" bordered column={5} data-testid="entity-import-summary">
                <Descriptions.Item label="新增">
                  <span data-testid="summary-inserted">{summary.inserted}</span>
                </Descriptions.Item>
                <Descriptions.Item label="更新">
                  <span data-testid="summary-updated">{summary.updated}</span>
                </Descriptions.Item>
                <Descriptions.Item label="未变">
                  <span data-testid="summary-unchanged">{summary.unchanged}</span>
                </Descriptions.Item>
                <Descriptions.Item label="错误">
                  <span data-testid="summary-errors">{summary.errorRows}</span> 行
                </Descriptions.Item>
                <Descriptions.Item label="警告">
                  <span data-testid="summary-warnings">{summary.warningRows}</span> 行
                </Descriptions.Item>
              </Descriptions>
            )}
            {summary?.rejected && (
              <Typography.Text type="secondary">
                本次未写入任何数据。
                {summary.ifValidOnly &&
                  `若选择“只导入正确的行”，预计新增 ${summary.ifValidOnly.inserted}、更新 ${summary.ifValidOnly.updated}、未变 ${summary.ifValidOnly.unchanged}。`}
              </Typography.Text>
            )}
            {summary && summary.unknownColumns.length > 0 && (
              <Alert type="warning" showIcon title={`以下列无法识别，已忽略：${summary.unknownColumns.join('、')}`} />
            )}
            {issues.length > 0 && (
              <>
                <Flex gap={8} align="center">
                  <Typography.Text strong>
                    问题清单（前 {issues.length} 条，共 {(summary?.errors ?? 0) + (summary?.warnings ?? 0)} 条）
                  </Typography.Text>
                  <Button href={`/api/jobs/${job.id}/error-report`} download data-testid="entity-import-report">
                    下载错误报告
                  </Button>
                  {summary?.rejected && summary.valid > 0 && mayImportValidOnly(kind) && (
                    <Button
                      type="primary"
                      danger
                      onClick={() => void start({ dryRun: false, validOnly: true })}
                      data-testid="entity-import-valid-only"
                    >
                      只导入正确的 {summary.valid} 行
                    </Button>
                  )}
                </Flex>
                <Table<Issue>
                  size="small"
                  data-testid="entity-import-issues"
                  rowKey={(r) => `${r.rowNumber}-${r.column}-${r.reason}`}
                  dataSource={issues}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }}
                  columns={[
                    { title: '行号', dataIndex: 'rowNumber', width: 70 },
                    { title: '列', dataIndex: 'column', width: 130 },
                    { title: '值', dataIndex: 'value', width: 180, ellipsis: true },
                    { title: '原因', dataIndex: 'reason' },
                    {
                      title: '级别',
                      dataIndex: 'level',
                      width: 70,
                      render: (l: Issue['level']) => (l === 'error' ? <Typography.Text type="danger">错误</Typography.Text> : '警告'),
                    },
                  ]}
                />
              </>
            )}
          </Flex>
        )}
      </Flex>
    </Modal>
  );
}
