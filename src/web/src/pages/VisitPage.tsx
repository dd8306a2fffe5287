// /console/visits/:drawId/:uscc: one visit on the inspector's phone — the object's
// data, the items with their 抽查指引, the fellow inspectors, the result per item (检查方式,
// 结果类别, 发现问题, 其他情况, 整改期限), the date, save (the server's problems shown at their
// fields), my confirmation, 提交审核, and attachments (photos, PDF scans).
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Collapse,
  Descriptions,
  Flex,
  Form,
  Input,
  List,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { canWrite } from '../../../core/access/policy.ts';
import type { InspectionMethod, ResultCategory } from '../../../core/glossary.ts';
import { ApiError } from '../api.ts';
import { ApiErrorAlert } from '../components/ApiErrorAlert.tsx';
import { formatDateTime, visitCodeLabel, visitObjectName } from '../labels.ts';
import type { ItemResultInput, ResultInput, VisitDetail } from './results/resultApi.ts';
import { useSession } from '../session.tsx';
import { toApiError, useEndpoint } from '../useApiData.ts';
import { problemsOf, resultCommand, uploadResultAttachment } from './results/resultApi.ts';
import { categoryOptions, methodOptions, ResultStatusTag, windowText } from './results/resultFormat.tsx';
import { DateField } from '../components/DateField.tsx';

interface ItemDraft {
  itemName: string;
  methods: InspectionMethod[];
  categories: ResultCategory[];
  findings: string;
  otherText: string;
  rectificationDeadline: string;
  productCheck: boolean;
}

function draftsOf(visit: VisitDetail): { checkedOn: string; items: ItemDraft[] } {
  const input = visit.result?.content?.input;
  return {
    checkedOn: input?.checkedOn ?? '',
    items: visit.items.map((itemName) => {
      const saved = input?.items.find((i) => i.itemName === itemName)?.result;
      return {
        itemName,
        methods: saved?.methods ?? [],
        categories: saved?.categories ?? [],
        findings: saved?.findings ?? '',
        otherText: saved?.otherText ?? '',
        rectificationDeadline: saved?.rectificationDeadline ?? '',
        productCheck: saved?.productCheck ?? false,
      };
    }),
  };
}

function toInput(checkedOn: string, items: ItemDraft[], departmentInspectors: string[] | null): ResultInput {
  return {
    checkedOn,
    ...(departmentInspectors ? { departmentInspectors } : {}),
    items: items.map((d) => {
      const result: ItemResultInput = { categories: d.categories, methods: d.methods };
      if (d.findings.trim()) result.findings = d.findings.trim();
      if (d.otherText.trim()) result.otherText = d.otherText.trim();
      if (d.rectificationDeadline) result.rectificationDeadline = d.rectificationDeadline;
      if (d.productCheck) result.productCheck = true;
      return { itemName: d.itemName, result };
    }),
  };
}

export default function VisitPage() {
  const { drawId = '', uscc = '' } = useParams();
  const visit = useEndpoint('GET /api/visits/:drawId/:uscc', { params: { drawId, uscc } });
  const { data, error } = visit;
  return (
    <Flex vertical gap={12} data-testid="visit-page" style={{ maxWidth: 900 }}>
      <Link to="/console/results">← 检查结果</Link>
      {error && <ApiErrorAlert error={error} onRetry={visit.reload} />}
      {!data && !error && <Card loading />}
      {data && <VisitView key={`${data.result?.id ?? 'new'}-${data.result?.record.version ?? 0}`} visit={data} reload={visit.reload} />}
    </Flex>
  );
}

function VisitView({ visit, reload }: { visit: VisitDetail; reload: () => void }) {
  const { message } = App.useApp();
  const { role } = useSession();
  const initial = draftsOf(visit);
  const [checkedOn, setCheckedOn] = useState(initial.checkedOn);
  const [departmentPeople, setDepartmentPeople] = useState<string[]>(visit.result?.content?.input.departmentInspectors ?? []);
  const [items, setItems] = useState<ItemDraft[]>(initial.items);
  const [problems, setProblems] = useState<{ field: string; message: string }[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const result = visit.result;
  const editable = result === null || result.status === 'draft' || result.status === 'returned';
  const mayWrite = role !== null && canWrite(role, 'results') && (visit.assignedToMe || role !== 'inspector');
  const confirmedBy = result?.content?.confirmedBy ?? [];
  const iConfirmed = visit.myInspectorId !== null && confirmedBy.includes(visit.myInspectorId);
  const lastReturn = result?.status === 'returned' ? result.record.returns[result.record.returns.length - 1] : undefined;

  const fieldError = (field: string) => {
    const list = problems.filter((p) => p.field === field);
    return list.length > 0 ? { validateStatus: 'error' as const, help: list.map((p) => p.message).join('；') } : {};
  };
  const setItem = (index: number, patch: Partial<ItemDraft>) =>
    setItems((all) => all.map((d, i) => (i === index ? { ...d, ...patch } : d)));

  const step = async <T,>(what: string, call: () => Promise<T>, after?: (value: T) => string | null) => {
    setBusy(true);
    setFailure(null);
    try {
      const value = await call();
      setProblems([]);
      void message.success(after?.(value) ?? `${what}成功`);
      reload();
    } catch (e) {
      const err = toApiError(e);
      setFailure(err);
      setProblems(problemsOf(err));
      if (err.status === 401) void message.error('登录已失效，请重新登录。');
    } finally {
      setBusy(false);
    }
  };

  const save = () =>
    step(
      '保存',
      () => resultCommand.save(visit.drawId, visit.uscc, toInput(checkedOn, items, visit.departmentPart ? departmentPeople : null)),
      () => '已保存；保存后须由全部检查人员重新确认',
    );
  const confirm = () =>
    step(
      '确认',
      () => resultCommand.confirm(result!.id),
      (v) => {
        const waiting = v.waitingFor;
        return waiting.length > 0 ? `已确认；尚待 ${waiting.join('、')} 确认` : '已确认；全部检查人员均已确认，可以提交审核';
      },
    );
  const submit = () =>
    step(
      '提交审核',
      () => resultCommand.submit(result!.id),
      () => '已提交审核',
    );
  const itemProblems = problems.filter((p) => !/^items\[\d+\]\./.test(p.field) && p.field !== 'checkedOn');

  return (
    <>
      <Card
        size="small"
        title={<Typography.Text strong>{visitObjectName(visit)}</Typography.Text>}
        extra={
          <Space size={4} wrap>
            <ResultStatusTag status={result?.status ?? null} testId="visit-status" />
            <Link to={`/console/visits/${visit.drawId}/${encodeURIComponent(visit.uscc)}/print/record`} data-testid="visit-print-record">
              现场检查记录表
            </Link>
            {result && (
              <Link to={`/console/visits/${visit.drawId}/${encodeURIComponent(visit.uscc)}/print/notice`} data-testid="visit-print-notice">
                检查结果告知书
              </Link>
            )}
            {result?.content.input.items.some((i) => i.result.categories.includes('problemOrderedToCorrect')) && (
              <Link to={`/console/visits/${visit.drawId}/${encodeURIComponent(visit.uscc)}/print/order`} data-testid="visit-print-order">
                责令改正通知书
              </Link>
            )}
          </Space>
        }
      >
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'uscc', label: visitCodeLabel(visit), children: <Typography.Text copyable>{visit.uscc}</Typography.Text> },
            ...(visit.object
              ? [{ key: 'kind', label: '对象类别', children: visit.object.kindLabel }]
              : [
                  { key: 'address', label: '住所（经营场所）', children: visit.entity?.address ?? '—' },
                  { key: 'legal', label: '法定代表人', children: visit.entity?.legalRep ?? '—' },
                  { key: 'reg', label: '登记状态', children: visit.entity?.regStatus ?? '—' },
                ]),
            { key: 'task', label: '抽查任务', children: `${visit.taskCode} ${visit.taskName}` },
            { key: 'draw', label: '抽取编号', children: visit.drawCode },
            { key: 'window', label: '检查时间', children: windowText(visit.window) },
            {
              key: 'people',
              label: '检查人员',
              children: (
                <Space size={[4, 4]} wrap data-testid="visit-inspectors">
                  {visit.inspectors.map((p) => (
                    <Tag key={p.code} color={p.id === visit.myInspectorId ? 'blue' : undefined}>
                      {p.name}
                      {p.id === visit.myInspectorId ? '（本人）' : ''}
                      {result && confirmedBy.includes(p.id) ? ' ✓已确认' : ''}
                    </Tag>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </Card>

      {!visit.assignedToMe && role === 'inspector' && (
        <Alert type="warning" showIcon title="本户不是分配给您的检查任务，您只能查看，不能录入结果。" />
      )}
      {lastReturn && (
        <Alert
          type="error"
          showIcon
          data-testid="visit-returned"
          title={`${lastReturn.on} 被退回：${lastReturn.reason}`}
          description="请按退回原因修改后保存，全部检查人员重新确认后再提交审核。"
        />
      )}
      {result && !editable && (
        <Alert
          type="info"
          showIcon
          title={
            result.status === 'pendingReview'
              ? '已提交审核，审核人退回前不能修改。'
              : `已于 ${result.publishedOn ?? ''} 公示：${result.publicText ?? ''}。如需修改请由业务科室发起“更正”。`
          }
        />
      )}

      <Form layout="vertical" disabled={!editable || !mayWrite || busy} data-testid="visit-form">
        <Card size="small" title="检查日期">
          <Form.Item
            label={`检查日期（任务时间 ${windowText(visit.window)}）`}
            required
            {...fieldError('checkedOn')}
            style={{ marginBottom: 0 }}
          >
            <DateField value={checkedOn} onChange={setCheckedOn} testId="visit-checked-on" />
          </Form.Item>
        </Card>
        {visit.departmentPart && (
          <Card size="small" title="本部门检查人员（部门联合检查中本部门的部分）">
            <Form.Item label="至少两名，输入姓名后回车" required {...fieldError('assignedInspectors')} style={{ marginBottom: 0 }}>
              <Select
                mode="tags"
                value={departmentPeople}
                onChange={setDepartmentPeople}
                open={false}
                placeholder="如：张三、李四"
                data-testid="visit-department-inspectors"
              />
            </Form.Item>
          </Card>
        )}
        {items.map((d, index) => (
          <Card
            key={d.itemName}
            size="small"
            title={`检查事项 ${index + 1}：${d.itemName}`}
            style={{ marginTop: 12 }}
            data-testid={`visit-item-${index}`}
          >
            {visit.guides[d.itemName] && (
              <Collapse
                size="small"
                style={{ marginBottom: 12 }}
                items={[
                  {
                    key: 'guide',
                    label: '抽查指引',
                    children: (
                      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                        {visit.guides[d.itemName]}
                      </Typography.Paragraph>
                    ),
                  },
                ]}
              />
            )}
            <Form.Item label="检查方式" required {...fieldError(`items[${index}].methods`)}>
              <Checkbox.Group
                options={methodOptions}
                value={d.methods}
                onChange={(v) => setItem(index, { methods: v as InspectionMethod[] })}
                data-testid={`visit-item-${index}-methods`}
              />
            </Form.Item>
            <Form.Item label="检查结果" required {...fieldError(`items[${index}].categories`)}>
              <Checkbox.Group
                value={d.categories}
                onChange={(v) => setItem(index, { categories: v as ResultCategory[] })}
                data-testid={`visit-item-${index}-categories`}
              >
                <Flex vertical gap={6}>
                  {categoryOptions.map((o) => (
                    <Checkbox key={o.value} value={o.value}>
                      {o.label}
                    </Checkbox>
                  ))}
                </Flex>
              </Checkbox.Group>
            </Form.Item>
            <Form.Item label="产品质量抽检" {...fieldError(`items[${index}].productCheck`)}>
              <Switch
                checked={d.productCheck}
                onChange={(v) => setItem(index, { productCheck: v })}
                checkedChildren="是"
                unCheckedChildren="否"
              />
            </Form.Item>
            <Form.Item label="发现的问题" {...fieldError(`items[${index}].findings`)}>
              <Input.TextArea
                rows={3}
                maxLength={2000}
                value={d.findings}
                onChange={(e) => setItem(index, { findings: e.target.value })}
                placeholder="选择“发现问题”类结果时必填；未发现问题时留空"
                data-testid={`visit-item-${index}-findings`}
              />
            </Form.Item>
            <Form.Item label="其他情况说明" {...fieldError(`items[${index}].otherText`)}>
              <Input
                maxLength={500}
                value={d.otherText}
                onChange={(e) => setItem(index, { otherText: e.target.value })}
                placeholder="选择“其他情况”时必填"
                data-testid={`visit-item-${index}-other`}
              />
            </Form.Item>
            <Form.Item label="整改期限" {...fieldError(`items[${index}].rectificationDeadline`)} style={{ marginBottom: 0 }}>
              <DateField
                value={d.rectificationDeadline}
                onChange={(v) => setItem(index, { rectificationDeadline: v })}
                testId={`visit-item-${index}-deadline`}
              />
            </Form.Item>
          </Card>
        ))}
      </Form>

      {failure && (
        <Alert
          type="error"
          showIcon
          data-testid="visit-error"
          title={failure.message}
          description={
            itemProblems.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 20 }}>
                {itemProblems.map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      {mayWrite && (
        <Flex gap={8} wrap>
          {editable && (
            <Button type="primary" loading={busy} onClick={() => void save()} data-testid="visit-save" style={{ flex: '1 1 120px' }}>
              保存
            </Button>
          )}
          {editable && result && visit.assignedToMe && !visit.departmentPart && (
            <Button disabled={busy || iConfirmed} onClick={() => void confirm()} data-testid="visit-confirm" style={{ flex: '1 1 120px' }}>
              {iConfirmed ? '本人已确认' : '确认（本人）'}
            </Button>
          )}
          {editable && result && (
            <Button disabled={busy} onClick={() => void submit()} data-testid="visit-submit" style={{ flex: '1 1 120px' }}>
              提交审核
            </Button>
          )}
        </Flex>
      )}
      {result && (
        <Attachments
          resultId={result.id}
          mayUpload={mayWrite}
          fixed={(result.status !== 'draft' && result.status !== 'returned') || result.record.stoppedOn !== null}
        />
      )}
    </>
  );
}

/** `fixed`: the result is in review or published; evidence is added to a draft, a returned result or a correction. */
function Attachments({ resultId, mayUpload, fixed }: { resultId: string; mayUpload: boolean; fixed: boolean }) {
  const { message } = App.useApp();
  const detail = useEndpoint('GET /api/results/:id', { params: { id: resultId } });
  const [error, setError] = useState<ApiError | null>(null);
  const [uploading, setUploading] = useState(false);
  return (
    <Card size="small" title="附件（现场照片、扫描件）" data-testid="visit-attachments">
      <Flex vertical gap={8}>
        <Typography.Text type="secondary">
          照片 JPEG/PNG/WebP 不超过 10 MB，扫描件 PDF 不超过 20 MB；按文件内容识别类型，改扩展名的文件会被拒绝。附件不公开。
        </Typography.Text>
        {detail.error && <ApiErrorAlert error={detail.error} onRetry={detail.reload} />}
        {error && <ApiErrorAlert error={error} />}
        <List
          size="small"
          dataSource={detail.data?.attachments ?? []}
          locale={{ emptyText: '暂无附件' }}
          renderItem={(a) => (
            <List.Item>
              <a href={`/api/results/${resultId}/attachments/${a.id}`} target="_blank" rel="noreferrer">
                {a.file_name}
              </a>
              <Typography.Text type="secondary">
                {(a.bytes / 1024).toFixed(0)} KB · {a.uploaded_by_name} · {formatDateTime(a.uploaded_at)}
              </Typography.Text>
            </List.Item>
          )}
        />
        {mayUpload && fixed && (
          <Typography.Text type="secondary" data-testid="visit-upload-fixed">
            结果已提交审核或已公示，不能再增加附件；如需补充材料，请等审核退回后上传，已公示的结果请由业务科室发起“更正”后在新版本中上传。
          </Typography.Text>
        )}
        {mayUpload && !fixed && (
          <Upload
            accept="image/jpeg,image/png,image/webp,application/pdf"
            showUploadList={false}
            customRequest={async ({ file }) => {
              setUploading(true);
              setError(null);
              try {
                await uploadResultAttachment(resultId, file as File);
                void message.success('附件已上传');
                detail.reload();
              } catch (e) {
                setError(toApiError(e));
              } finally {
                setUploading(false);
              }
            }}
            data-testid="visit-upload"
          >
            <Button loading={uploading}>上传附件</Button>
          </Upload>
        )}
      </Flex>
    </Card>
  );
}
