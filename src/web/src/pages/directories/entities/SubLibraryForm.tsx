// 新建/修改名录分库: name, description and the rule; the live count (试算) updates as the rule
// changes, computed by the server over the caller's units.
import { Alert, Col, Form, Input, Row, Select, Space, Statistic, Tag, type SelectProps } from 'antd';
import { useEffect, useState } from 'react';
import {
  REG_STATUSES,
  RULE_OBJECT_KINDS,
  ruleObjectKind,
  ruleObjectKindLabel,
  type RuleObjectKind,
  type SubLibraryRule,
  type SubLibraryRuleInput,
} from '../../../../../core/subLibraries/rule.ts';
import { SUGGESTED_TAGS } from '../../../../../core/subLibraries/tags.ts';
import { subjectTypeLabel } from '../../../../../core/glossary.ts';
import { call } from '../../../api.ts';
import { FormModal } from '../../../components/FormModal.tsx';
import { riskClassOptions } from '../../../labels.ts';
import { toApiError } from '../../../useApiData.ts';
import type { RiskCounts, RulePreview, SubLibraryView } from './subLibraryTypes.ts';
import { DateField } from '../../../components/DateField.tsx';

interface FormValues {
  name: string;
  description: string;
  objectKind: RuleObjectKind;
  anyOf: string[];
  allOf: string[];
  noneOf: string[];
  subjectTypes: string[];
  regStatuses: string[];
  regionCodes: string[];
  unitCodes: string[];
  industryPrefixes: string[];
  riskClasses: string[];
  establishedFrom?: string;
  establishedTo?: string;
}

const tagOptions = SUGGESTED_TAGS.map((t) => ({ value: t, label: t }));
const subjectOptions = Object.entries(subjectTypeLabel).map(([value, label]) => ({ value, label }));
const statusOptions = REG_STATUSES.map((s) => ({ value: s, label: s }));
const objectKindOptions = RULE_OBJECT_KINDS.map((k) => ({ value: k, label: ruleObjectKindLabel(k) }));
/** The rule rows' fields that apply to market entities only (an object rule filters by tags, 区划, 单位, 行业). */
const ENTITY_ONLY = new Set<keyof FormValues>(['subjectTypes', 'regStatuses', 'riskClasses']);
const riskOptions = [...riskClassOptions, { value: 'none', label: '未分类' }];

/** The rule's list fields, three to a row: tags, then classes, then codes (typed, no list to pick from). */
const ruleRows: { name: keyof FormValues; label: string; extra?: string; testId?: string; select: SelectProps }[][] = [
  [
    { name: 'anyOf', label: '标签含任一', testId: 'rule-any-of', select: { mode: 'tags', options: tagOptions, placeholder: '如 加油站' } },
    { name: 'allOf', label: '标签全部具有', select: { mode: 'tags', options: tagOptions } },
    { name: 'noneOf', label: '标签均不含', select: { mode: 'tags', options: tagOptions } },
  ],
  [
    { name: 'subjectTypes', label: '主体类别', testId: 'rule-subject-types', select: { mode: 'multiple', options: subjectOptions } },
    { name: 'regStatuses', label: '登记状态', testId: 'rule-reg-statuses', select: { mode: 'multiple', options: statusOptions } },
    { name: 'riskClasses', label: '风险分类', select: { mode: 'multiple', options: riskOptions } },
  ],
  [
    {
      name: 'industryPrefixes',
      label: '行业代码（GB/T 4754 前缀）',
      extra: '输入 2～4 位数字后回车，如 5265',
      select: { mode: 'tags', open: false },
    },
    { name: 'regionCodes', label: '所属区划代码', extra: '6 位区划代码，如 140581', select: { mode: 'tags', open: false } },
    { name: 'unitCodes', label: '管辖单位代码（含下级）', extra: '本单位或下级单位的代码', select: { mode: 'tags', open: false } },
  ],
];

function toRule(v: Partial<FormValues>): SubLibraryRuleInput {
  const kind = v.objectKind ?? 'entity';
  if (kind !== 'entity') {
    return {
      objectKind: kind,
      tags: { anyOf: v.anyOf ?? [], allOf: v.allOf ?? [], noneOf: v.noneOf ?? [] },
      regionCodes: v.regionCodes ?? [],
      unitCodes: v.unitCodes ?? [],
      industryPrefixes: v.industryPrefixes ?? [],
    };
  }
  return {
    tags: { anyOf: v.anyOf ?? [], allOf: v.allOf ?? [], noneOf: v.noneOf ?? [] },
    subjectTypes: (v.subjectTypes ?? []) as SubLibraryRule['subjectTypes'],
    regStatuses: (v.regStatuses ?? []) as SubLibraryRule['regStatuses'],
    regionCodes: v.regionCodes ?? [],
    unitCodes: v.unitCodes ?? [],
    industryPrefixes: v.industryPrefixes ?? [],
    riskClasses: (v.riskClasses ?? []) as SubLibraryRule['riskClasses'],
    establishedFrom: v.establishedFrom || null,
    establishedTo: v.establishedTo || null,
  };
}

function fromLibrary(lib: SubLibraryView | null): FormValues {
  const r = lib?.rule;
  return {
    name: lib?.name ?? '',
    description: lib?.description ?? '',
    objectKind: r ? ruleObjectKind(r) : 'entity',
    anyOf: r?.tags.anyOf ?? [],
    allOf: r?.tags.allOf ?? [],
    noneOf: r?.tags.noneOf ?? [],
    subjectTypes: r?.subjectTypes ?? [],
    regStatuses: r?.regStatuses ?? [],
    regionCodes: r?.regionCodes ?? [],
    unitCodes: r?.unitCodes ?? [],
    industryPrefixes: r?.industryPrefixes ?? [],
    riskClasses: r?.riskClasses ?? [],
    establishedFrom: r?.establishedFrom ?? undefined,
    establishedTo: r?.establishedTo ?? undefined,
  };
}

export function RiskCountTags({ counts }: { counts: RiskCounts }) {
  return (
    <Space size={[0, 4]} wrap>
      <Tag color="green">A {counts.A}</Tag>
      <Tag color="blue">B {counts.B}</Tag>
      <Tag color="orange">C {counts.C}</Tag>
      <Tag color="red">D {counts.D}</Tag>
      <Tag>未分类 {counts.none}</Tag>
    </Space>
  );
}

/** editing: null = closed, 'new' = create, a view = edit that sub-library. */
export function SubLibraryForm({
  editing,
  onClose,
  onSaved,
}: {
  editing: SubLibraryView | 'new' | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<FormValues>();
  const [preview, setPreview] = useState<RulePreview>();
  const [previewError, setPreviewError] = useState<string>();
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const existing = editing && editing !== 'new' ? editing : null;
  const ruleJson = JSON.stringify(toRule(values ?? {}));
  const forEntities = (values?.objectKind ?? 'entity') === 'entity';

  useEffect(() => {
    if (editing === null) return;
    const timer = setTimeout(() => {
      call('POST /api/sub-libraries/preview', { body: { rule: JSON.parse(ruleJson) as SubLibraryRuleInput } }).then(
        (p) => {
          setPreview(p);
          setPreviewError(undefined);
        },
        (e: unknown) => setPreviewError(toApiError(e).message),
      );
    }, 300);
    return () => clearTimeout(timer);
  }, [ruleJson, editing]);

  const submit = async (v: FormValues) => {
    const body = { name: v.name, description: v.description ?? '', rule: toRule(v) };
    if (existing) await call('PATCH /api/sub-libraries/:id', { params: { id: existing.id }, body });
    else await call('POST /api/sub-libraries', { body });
    onSaved();
    return existing ? '名录分库已修改' : '名录分库已创建';
  };

  return (
    <FormModal
      open={editing !== null}
      title={existing ? `修改名录分库 · ${existing.name}` : '新建名录分库'}
      width={820}
      form={form}
      initialValues={fromLibrary(existing)}
      okTestId="sub-library-save"
      onCancel={onClose}
      onSubmit={submit}
    >
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="name"
            label="分库名称"
            rules={[{ required: true, whitespace: true, message: '请填写分库名称，例如 全市加油站' }]}
          >
            <Input data-testid="sub-library-name" maxLength={60} placeholder="例如 全市加油站" />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item name="description" label="说明">
            <Input maxLength={500} placeholder="分库的用途或口径" />
          </Form.Item>
        </Col>
      </Row>
      <Row gutter={12}>
        <Col span={8}>
          <Form.Item name="objectKind" label="对象类别" extra="市场主体，或其他检查对象中的一类（按对象编码抽取）">
            <Select options={objectKindOptions} data-testid="rule-object-kind" />
          </Form.Item>
        </Col>
      </Row>
      {ruleRows.map((row) => (
        <Row gutter={12} key={row[0]!.name}>
          {row
            .filter((f) => forEntities || !ENTITY_ONLY.has(f.name))
            .map((f) => (
              <Col span={8} key={f.name}>
                <Form.Item name={f.name} label={f.label} extra={f.extra}>
                  <Select {...f.select} data-testid={f.testId} />
                </Form.Item>
              </Col>
            ))}
        </Row>
      ))}
      <Row gutter={12} hidden={!forEntities}>
        <Col span={8}>
          <Form.Item name="establishedFrom" label="成立日期自">
            <DateField />
          </Form.Item>
        </Col>
        <Col span={8}>
          <Form.Item name="establishedTo" label="成立日期至">
            <DateField />
          </Form.Item>
        </Col>
      </Row>
      {previewError ? (
        <Alert type="warning" showIcon title={previewError} />
      ) : (
        preview && (
          <Alert
            type="info"
            title={
              <Space wrap>
                <Statistic
                  title={forEntities ? '本单位范围内实时户数' : '本单位范围内实时对象数'}
                  value={preview.count}
                  valueStyle={{ fontSize: 20 }}
                  data-testid="rule-preview-count"
                />
                <RiskCountTags counts={preview.byRiskClass} />
              </Space>
            }
            description={preview.ruleText}
          />
        )
      )}
    </FormModal>
  );
}
