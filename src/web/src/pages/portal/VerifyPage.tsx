// Public draw verifier (/gs/verify, no login): a bundle file is read and checked in the
// browser by the same pure engine the server draws with (docs/draw-spec.md §9, §10). Nothing is
// uploaded to the server.
import { InboxOutlined } from '@ant-design/icons';
import { Card, Descriptions, Result, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { RISK_CLASSES, verifyBundle, type DrawBundle, type VerifyResult } from '../../../../core/draw/index.ts';
import { endpointUrl } from '../../api.ts';
import { formatDateTime } from '../../labels.ts';
import { DomainError } from '../../../../core/errors.ts';

/** The normative spec and the verification guide (docs/ of the repository), as the platform serves them. */
const SPEC_URL = endpointUrl('GET /api/public/draw-docs/:name', { params: { name: 'draw-spec.md' } });
const GUIDE_URL = endpointUrl('GET /api/public/draw-docs/:name', { params: { name: 'draw-verification.md' } });

type Outcome =
  | { kind: 'checked'; fileName: string; result: VerifyResult; bundle: Partial<DrawBundle> }
  | { kind: 'unreadable'; fileName: string; message: string };

const SCOPE_LABEL = { auditor: '审计版（含抽查名录，完整验证）', public: '公示版（名录以哈希和分类计数公布）' } as const;
const SOURCE_KIND: Record<string, string> = {
  dice: '现场骰子',
  operator: '平台随机数（承诺时只公开哈希，摇号时揭示）',
  lottery: '公开彩票开奖号',
  beacon: '公开随机信标',
};

export default function VerifyPage() {
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function check(file: File): Promise<void> {
    let bundle: unknown;
    try {
      bundle = JSON.parse(await file.text());
    } catch {
      setOutcome({
        kind: 'unreadable',
        fileName: file.name,
        message: '该文件不是摇号结果包：结果包是从任务公告或抽取记录下载的 .json 文件，请检查是否选错了文件，或重新下载后再试。',
      });
      return;
    }
    try {
      setOutcome({ kind: 'checked', fileName: file.name, result: verifyBundle(bundle), bundle: bundle as Partial<DrawBundle> });
    } catch (e) {
      // The verifier's own refusals are Chinese; anything else is not a bundle this page knows.
      const why = e instanceof DomainError ? e.message : '文件内容不是可识别的摇号结果包（ssj-draw/1），请检查是否选错了文件。';
      setOutcome({ kind: 'unreadable', fileName: file.name, message: `无法验证该文件：${why}` });
    }
  }

  return (
    <Card title="摇号验证" data-testid="portal-verify">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Paragraph style={{ marginBottom: 0 }}>
          每次随机抽取都会导出一个“摇号结果包”（JSON 文件）。在此选择该文件，本页面将在您的浏览器中（文件不会上传到服务器）
          使用与系统抽取相同的程序逐项重算并核对：抽取参数和抽查名录的哈希与事先公示的承诺值、由承诺值和现场随机数（骰子等）
          推导出的种子、按风险分类的抽取数量分配、每个对象的号签、样本和备选对象的顺序以及检查户次。全部一致显示“验证通过”，
          否则指出第一处不符的字段及其应有值和实际值。审计版结果包含抽查名录，可证明没有号签更小的对象被遗漏；公示版只含名录的哈希和分类计数，
          其余各项同样核对。验证规则以本系统的规范{' '}
          <Typography.Link href={SPEC_URL} target="_blank" data-testid="verify-spec-link">
            docs/draw-spec.md
          </Typography.Link>{' '}
          为准，验证方法见说明{' '}
          <Typography.Link href={GUIDE_URL} target="_blank">
            docs/draw-verification.md
          </Typography.Link>
          （含可独立重写的验证程序和示例结果包）。
        </Typography.Paragraph>
        <div data-testid="verify-upload">
          <Upload.Dragger
            accept=".json,application/json"
            multiple={false}
            showUploadList={false}
            beforeUpload={(file) => {
              void check(file);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">点击选择或拖入摇号结果包（.json）</p>
            <p className="ant-upload-hint">验证在本机浏览器中进行，文件不会上传。</p>
          </Upload.Dragger>
        </div>
        {outcome && <OutcomeView outcome={outcome} />}
      </Space>
    </Card>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (outcome.kind === 'unreadable') {
    return (
      <div data-testid="verify-result" data-status="ERROR">
        <Result status="error" title="无法验证" subTitle={`${outcome.fileName}：${outcome.message}`} />
      </div>
    );
  }
  const { result, bundle, fileName } = outcome;
  if (result.status === 'MISMATCH') {
    return (
      <div data-testid="verify-result" data-status="MISMATCH">
        <Result status="error" title="验证不通过" subTitle={`${fileName}：第一处不符如下，之后的各项未再核对。`} />
        <Descriptions bordered column={1} size="small">
          <Descriptions.Item label="字段">
            <Typography.Text code data-testid="verify-field">
              {result.field}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="应为">
            <Typography.Text style={{ wordBreak: 'break-all' }}>{result.expected}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label="实为">
            <Typography.Text type="danger" style={{ wordBreak: 'break-all' }}>
              {result.found}
            </Typography.Text>
          </Descriptions.Item>
        </Descriptions>
      </div>
    );
  }
  return (
    <div data-testid="verify-result" data-status="VALID">
      <Result status="success" title="验证通过 VALID" subTitle={`${fileName}：${SCOPE_LABEL[result.scope]}`} />
      <BundleFacts bundle={bundle as DrawBundle} />
    </div>
  );
}

// Only shown for a VALID bundle, whose shape the verifier has checked.
function BundleFacts({ bundle }: { bundle: DrawBundle }) {
  const { params } = bundle;
  const rows = params.groups.map((g, i) => {
    const classes = bundle.allocation[i]!.classes;
    const strata = Object.keys(classes);
    const byClass = strata
      .filter((s) => classes[s as keyof typeof classes]!.N > 0)
      .map((s) => `${s === '*' ? '全部' : s} ${classes[s as keyof typeof classes]!.n}/${classes[s as keyof typeof classes]!.N}`)
      .join('　');
    return {
      key: g.code,
      code: g.code,
      items: g.items.join('、'),
      classification: g.classification ?? '信用风险分类',
      byClass,
      sample: bundle.sample.filter((e) => e.group === g.code).length,
      reserves: bundle.reserves.filter((e) => e.group === g.code).length,
    };
  });
  const mono = { fontFamily: 'monospace', wordBreak: 'break-all' } as const;
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Descriptions bordered column={1} size="small" data-testid="verify-facts">
        <Descriptions.Item label="任务">
          {params.task}（{params.year} 年）
        </Descriptions.Item>
        <Descriptions.Item label="规范 / 哈希算法">
          {bundle.spec} / {params.hash.toUpperCase()}
        </Descriptions.Item>
        <Descriptions.Item label="承诺值（commit）">
          <span style={mono}>{bundle.commit}</span>
        </Descriptions.Item>
        <Descriptions.Item label="承诺时间">
          <span data-testid="verify-committed-at">{formatDateTime(bundle.committed_at)}（北京时间）</span>
          <br />
          <Typography.Text type="secondary">
            记录值（参与哈希计算，核对时请用此原值）：<span style={mono}>{bundle.committed_at}</span>
          </Typography.Text>
        </Descriptions.Item>
        {bundle.sources.map((s, i) => (
          <Descriptions.Item key={i} label={`随机数来源 ${i + 1}`}>
            {SOURCE_KIND[s.kind] ?? s.kind}：{s.name}
            <br />
            <span style={mono}>{s.value}</span>
          </Descriptions.Item>
        ))}
        <Descriptions.Item label="种子（seed）">
          <span style={mono}>{bundle.seed}</span>
        </Descriptions.Item>
        <Descriptions.Item label="检查户次">{bundle.visits.length}</Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { title: '抽查组', dataIndex: 'code' },
          { title: '检查事项', dataIndex: 'items' },
          { title: '风险分类依据', dataIndex: 'classification' },
          { title: `各风险分类 抽取数/对象数（${RISK_CLASSES.join(' ')}）`, dataIndex: 'byClass' },
          { title: '样本', dataIndex: 'sample' },
          { title: '备选', dataIndex: 'reserves' },
        ]}
      />
    </Space>
  );
}
