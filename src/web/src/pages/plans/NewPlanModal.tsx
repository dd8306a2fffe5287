// 新建计划: header fields, then the task table either pasted (制表符分隔, as copied from Word
// or Excel) or uploaded (.xlsx/.csv/.tsv/.txt). Both are parsed first (解析预览 / dry run)
// and show every cell that could not be read; 导入 then saves the draft and opens it.
import { Button, Flex, Form, Input, Modal, Radio, Select, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { FileButton } from '../../components/FileButton.tsx';
import { useNavigate } from 'react-router';
import { ApiError, call } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { PlanKind, PlanPreview } from './planTypes.ts';
import { errorOf, uploadPlanFile } from './planApi.ts';
import { ParsePreview } from './ParsePreview.tsx';
import { ColumnMapping } from './ColumnMapping.tsx';
import type { ColumnTarget } from '../../../../core/plan/columns.ts';
import { yearOptions } from './planFormat.ts';
import { DateField } from '../../components/DateField.tsx';

type Source = 'paste' | 'file' | 'blank';

export function NewPlanModal({ defaultYear, onClose }: { defaultYear: number; onClose: () => void }) {
  const navigate = useNavigate();
  const [year, setYear] = useState(defaultYear);
  const [kind, setKind] = useState<PlanKind>('own');
  const [title, setTitle] = useState('');
  const [docNumber, setDocNumber] = useState('');
  const [deadline, setDeadline] = useState('');
  const [source, setSource] = useState<Source>('paste');
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  // 列对应 set in the mapping table, by header: sent with every parse and with the import.
  const [columns, setColumns] = useState<Record<string, ColumnTarget>>({});

  const header = () => ({
    year,
    kind,
    ...(title.trim() ? { title: title.trim() } : {}),
    ...(docNumber.trim() ? { docNumber: docNumber.trim() } : {}),
    ...(deadline ? { deadline } : {}),
  });

  const changeSource = (next: string) => {
    setSource(next as Source);
    setPreview(null);
    setError(null);
    setColumns({});
  };
  const columnsQuery = (chosen: Record<string, ColumnTarget>) =>
    Object.keys(chosen).length > 0 ? { columns: JSON.stringify(chosen) } : {};

  async function run<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (e) {
      setError(errorOf(e));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const parsePasted = (mapping = columns) =>
    run(async () => {
      setPreview(null);
      setPreview(await call('POST /api/plans/parse', { body: { text, year, columns: mapping } }));
    });

  const checkFile = (chosen: File, mapping = columns) =>
    run(async () => {
      setPreview(null);
      setPreview(await uploadPlanFile(chosen, { ...header(), dryRun: 'true', ...columnsQuery(mapping) }));
    });

  const mapColumn = (headerText: string, target: ColumnTarget) => {
    const next = { ...columns, [headerText]: target };
    setColumns(next);
    if (source === 'file' && file) void checkFile(file, next);
    else void parsePasted(next);
  };

  const create = () =>
    run(async () => {
      let id: string | null;
      if (source === 'file' && file) id = (await uploadPlanFile(file, { ...header(), dryRun: 'false', ...columnsQuery(columns) })).id;
      else id = (await call('POST /api/plans', { body: { ...header(), ...(source === 'paste' ? { text, columns } : {}) } })).id;
      if (id) navigate(`/console/plans/${id}`);
    });

  const ready =
    source === 'blank' ||
    (preview !== null && preview.taskCount > 0 && preview.missing.required.length === 0 && (source === 'paste' || file !== null));

  return (
    <Modal
      open
      title="新建年度抽查计划"
      width={1100}
      onCancel={onClose}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={onClose}>
          取消
        </Button>,
        <Button key="create" type="primary" disabled={!ready} loading={busy} onClick={() => void create()} data-testid="new-plan-create">
          {source === 'blank' ? '新建空白草稿' : `导入${preview ? ` ${preview.taskCount} 个任务` : ''}`}
        </Button>,
      ]}
    >
      <Flex vertical gap={16}>
        <Flex gap={12} wrap>
          <label>
            年度{' '}
            <Select
              value={year}
              onChange={(v) => {
                setYear(v);
                setPreview(null);
              }}
              options={yearOptions()}
              style={{ width: 120 }}
              data-testid="new-plan-year"
            />
          </label>
          <Radio.Group value={kind} onChange={(e) => setKind(e.target.value as PlanKind)} data-testid="new-plan-kind">
            <Radio value="own">本单位计划</Radio>
            <Radio value="joint">部门联合抽查计划</Radio>
          </Radio.Group>
        </Flex>
        <Form layout="vertical" component="div">
          <Form.Item label="计划名称" style={{ marginBottom: 8 }}>
            <Input
              placeholder="不填则为“本单位＋年度＋“双随机、一公开”抽查工作计划”"
              value={title}
              onChange={(e) => setTitle(e.target.value)}
              maxLength={120}
              data-testid="new-plan-title"
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item label="文号" style={{ marginBottom: 0, width: 420 }}>
              <Input
                placeholder="如 高市市监办发〔2025〕9号"
                value={docNumber}
                onChange={(e) => setDocNumber(e.target.value)}
                maxLength={60}
                data-testid="new-plan-doc-number"
              />
            </Form.Item>
            <Form.Item label="完成时限" style={{ marginBottom: 0, width: 200 }}>
              <DateField value={deadline} onChange={setDeadline} testId="new-plan-deadline" />
            </Form.Item>
          </Flex>
        </Form>
        <Tabs
          activeKey={source}
          onChange={changeSource}
          items={[
            {
              key: 'paste',
              label: '粘贴计划表',
              children: (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">
                    从 Word/Excel
                    复制整张表（含表头一行）粘贴到下面；列之间为制表符。表头需含任务名称和至少两个其他列（各地的常见列名均可识别，未识别的可在列对应中指定），可用列：抽查任务名称、抽查类型、抽查事项、抽查对象范围、抽查比例/数量（可与频次写在一格，如“5%以上;
                    1次/年”）、频次、信用风险分类管理、抽查起止时间、抽查检查模式、发起部门、配合部门。
                  </Typography.Text>
                  <Input.TextArea
                    rows={8}
                    value={text}
                    onChange={(e) => {
                      setText(e.target.value);
                      setPreview(null);
                    }}
                    placeholder={'序号\t抽查任务名称\t抽查类型\t抽查事项\t抽查对象范围\t抽查比例/数量\t…'}
                    data-testid="new-plan-text"
                  />
                  <Button onClick={() => void parsePasted()} disabled={text.trim() === ''} loading={busy} data-testid="new-plan-parse">
                    解析预览
                  </Button>
                </Flex>
              ),
            },
            {
              key: 'file',
              label: '上传文件',
              children: (
                <Flex vertical gap={8}>
                  <Typography.Text type="secondary">
                    支持 .xlsx、.csv，以及与种子文件相同排版的制表符文本
                    .tsv/.txt（表头一行，其后每行一个任务；分页重复的表头会被跳过）。先检查，确认后再导入。
                  </Typography.Text>
                  <FileButton
                    accept=".xlsx,.csv,.tsv,.txt"
                    fileTestId="new-plan-file"
                    testId="new-plan-choose"
                    loading={busy}
                    onPick={(chosen) => {
                      setFile(chosen);
                      setColumns({});
                      void checkFile(chosen, {});
                    }}
                  >
                    {file ? `重新选择文件（当前：${file.name}）` : '选择文件并检查'}
                  </FileButton>
                </Flex>
              ),
            },
            {
              key: 'blank',
              label: '空白草稿',
              children: <Typography.Text type="secondary">新建没有任务的草稿，再在任务表中逐条新增任务。</Typography.Text>,
            },
          ]}
        />
        {error && <ApiErrorAlert error={error} />}
        {preview && source !== 'blank' && <ColumnMapping preview={preview} onChange={mapColumn} busy={busy} />}
        {preview && source !== 'blank' && <ParsePreview preview={preview} />}
      </Flex>
    </Modal>
  );
}
