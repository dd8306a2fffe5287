// /gs/stop-apply (public, no login): a business applies to stop the publication of its published
// inspection results (停止公示 / 信用修复): its 统一社会信用代码 (checked here and on the server),
// the results, who applies, why, and a scan of its 授权书 or 营业执照. The answer is a 回执编号,
// the only key to the application's progress (/gs/stop-status).
import { Alert, Button, Card, Checkbox, Flex, Form, Input, Result, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { validateUscc } from '../../../../core/uscc/index.ts';
import type { ApiError } from '../../api.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { toApiError, useEndpoint } from '../../useApiData.ts';
import type { PublicResult } from '../results/resultApi.ts';
import { fileAsBase64, scanAccept, scanLimitMb, scanProblem, submitStopApplication, type StopReceipt } from './stopRequestApi.ts';
import { TextField } from '../../components/FormFields.tsx';

interface FormValues {
  applicantName: string;
  contactPhone: string;
  reason: string;
}

export default function StopApplyPage() {
  const [params] = useSearchParams();
  // Coming from a business's result page: its code is filled in and looked up at once.
  const [usccText, setUsccText] = useState(params.get('uscc') ?? '');
  const initial = usccText.trim() ? validateUscc(usccText.trim()) : null;
  const [uscc, setUscc] = useState<string | null>(initial?.ok ? initial.code : null);
  const [usccError, setUsccError] = useState<string | null>(initial && !initial.ok ? initial.message : null);
  const [selected, setSelected] = useState<string[]>(params.get('result') ? [params.get('result')!] : []);
  const [scan, setScan] = useState<File | null>(null);
  const [scanError, setScanError] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<StopReceipt | null>(null);
  const [form] = Form.useForm<FormValues>();
  const entity = useEndpoint('GET /api/public/entities/:uscc', uscc ? { params: { uscc } } : null);

  const lookUp = (text: string) => {
    const code = text.trim();
    const check = validateUscc(code);
    if (!check.ok) {
      setUsccError(check.message);
      setUscc(null);
      return;
    }
    setUsccError(null);
    setUscc(code);
  };

  const [selectionHint, setSelectionHint] = useState(false);

  const submit = async (values: FormValues) => {
    if (!uscc) {
      setUsccError('请先填写并查询统一社会信用代码');
      return;
    }
    if (selected.length === 0) {
      setSelectionHint(true);
      return;
    }
    if (!scan) {
      setScanError('请上传授权书或营业执照扫描件');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const answer = await submitStopApplication({
        uscc,
        resultIds: selected,
        applicantName: values.applicantName,
        contactPhone: values.contactPhone,
        reason: values.reason,
        scan: { fileName: scan.name, mimeType: scan.type || null, base64: await fileAsBase64(scan) },
      });
      setReceipt(answer);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setBusy(false);
    }
  };

  if (receipt) {
    return (
      <Card data-testid="stop-apply-done">
        <Result
          status="success"
          title="申请已提交"
          subTitle={`提交日期 ${receipt.submittedOn}，共 ${receipt.items.length} 条检查结果。审核结果请凭回执编号查询。`}
          extra={
            <Flex vertical align="center" gap={12}>
              <Typography.Text>回执编号（请妥善保存，凭此查询进度；不要告诉无关人员）：</Typography.Text>
              <Typography.Text copyable strong style={{ fontSize: 20 }} data-testid="stop-receipt">
                {receipt.receipt}
              </Typography.Text>
              <Link to="/gs/stop-status" data-testid="stop-apply-to-status">
                查询申请进度
              </Link>
            </Flex>
          }
        />
      </Card>
    );
  }

  const results = entity.data?.results ?? [];
  return (
    <Card title="申请停止公示（信用修复）" data-testid="stop-apply">
      <Flex vertical gap={16}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          抽查检查结果向社会公示满规定期限后，企业可申请停止公示。请填写本企业的统一社会信用代码，选择要申请的检查结果，
          并上传加盖公章的授权书或营业执照扫描件（PDF、JPG 或 PNG，不超过 {scanLimitMb} MB）。提交后将得到回执编号，凭回执编号查询审核进度。
        </Typography.Paragraph>
        <Flex vertical gap={4}>
          <Typography.Text strong>统一社会信用代码</Typography.Text>
          <Input.Search
            value={usccText}
            onChange={(e) => setUsccText(e.target.value)}
            onSearch={lookUp}
            enterButton="查询本企业已公示的结果"
            placeholder="18 位统一社会信用代码"
            maxLength={20}
            style={{ maxWidth: 520 }}
            status={usccError ? 'error' : undefined}
            data-testid="stop-uscc"
          />
          {usccError && (
            <Typography.Text type="danger" data-testid="stop-uscc-error">
              {usccError}
            </Typography.Text>
          )}
        </Flex>
        {entity.error && <ApiErrorAlert error={entity.error} />}
        {uscc && entity.data && (
          <Flex vertical gap={8}>
            <Typography.Text strong>{entity.data.entityName} 的已公示检查结果（勾选要申请停止公示的结果）</Typography.Text>
            <Table<PublicResult>
              data-testid="stop-results"
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={results}
              columns={[
                {
                  title: '选择',
                  key: 'pick',
                  width: 60,
                  render: (_, r) => (
                    <Checkbox
                      checked={selected.includes(r.id)}
                      onChange={(e) => {
                        setSelectionHint(false);
                        setSelected((s) => (e.target.checked ? [...s, r.id] : s.filter((x) => x !== r.id)));
                      }}
                      data-testid={`stop-pick-${r.taskCode}`}
                      aria-label={`选择任务 ${r.taskCode} 的检查结果`}
                    />
                  ),
                },
                { title: '检查机关', dataIndex: 'authority', width: 200 },
                { title: '任务编号', dataIndex: 'taskCode', width: 150 },
                { title: '检查日期', dataIndex: 'checkedOn', width: 110, render: (v: string | null) => v ?? '—' },
                { title: '检查结果', dataIndex: 'result', render: (v: string | null) => v ?? '—' },
                { title: '公示日期', dataIndex: 'publishedOn', width: 110, render: (v: string | null) => v ?? '—' },
              ]}
            />
            {selectionHint && <Typography.Text type="danger">请至少勾选一条检查结果</Typography.Text>}
          </Flex>
        )}
        {uscc && entity.data && (
          <Form<FormValues> form={form} layout="vertical" onFinish={submit} style={{ maxWidth: 640 }} data-testid="stop-form">
            <TextField
              name="applicantName"
              label="申请人姓名"
              rules={[{ required: true, min: 2, message: '请填写申请人姓名（至少 2 个字）' }]}
              maxLength={40}
              testId="stop-applicant"
            />
            <TextField
              name="contactPhone"
              label="联系电话"
              required="请填写联系电话"
              rules={[{ pattern: /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, message: '请填写 11 位手机号码或带区号的固定电话' }]}
              maxLength={20}
              testId="stop-phone"
            />
            <Form.Item
              name="reason"
              label="申请理由"
              rules={[{ required: true, min: 4, message: '请写明申请理由（至少 4 个字），如已整改完毕的情况' }]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount data-testid="stop-reason" />
            </Form.Item>
            <Form.Item
              label="授权书或营业执照扫描件"
              required
              validateStatus={scanError ? 'error' : undefined}
              help={scanError ?? undefined}
            >
              <Upload
                accept={scanAccept}
                maxCount={1}
                beforeUpload={(file) => {
                  const problem = scanProblem(file);
                  setScanError(problem);
                  setScan(problem ? null : file);
                  return false;
                }}
                onRemove={() => setScan(null)}
                fileList={scan ? [{ uid: 'scan', name: scan.name, status: 'done' }] : []}
              >
                <Button data-testid="stop-scan-button">选择文件</Button>
              </Upload>
            </Form.Item>
            {error && <ApiErrorAlert error={error} />}
            <Alert type="info" showIcon title="提交的联系方式只用于审核联系，不会公开。" style={{ marginBottom: 16 }} />
            <Button type="primary" htmlType="submit" loading={busy} data-testid="stop-submit">
              提交申请
            </Button>
          </Form>
        )}
      </Flex>
    </Card>
  );
}
