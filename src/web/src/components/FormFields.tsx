// Form fields the console and the portal repeat, each inside its antd Form.Item so that the form
// supplies value and onChange: a one-line text field whose rules are given as props (a length
// limit says its message by the field's label, e.g. 名称最多 100 个字), a searchable
// unit picker (value: the unit code, shown: its name) and a free list of tags typed with 、or a comma.
import { Form, Input, Select, type FormItemProps, type SelectProps } from 'antd';
import type { ReactNode } from 'react';

type Rule = NonNullable<FormItemProps['rules']>[number];

interface ItemProps {
  name: string;
  label: ReactNode;
  /** The message shown when the field is left empty; without it the field may stay empty. */
  required?: string;
  /** Further rules, checked after the required one. */
  rules?: Rule[];
  extra?: ReactNode;
}

function itemRules(required: string | undefined, rules: Rule[] = []): Rule[] | undefined {
  const all = required ? [{ required: true, message: required }, ...rules] : rules;
  return all.length > 0 ? all : undefined;
}

export function TextField({
  name,
  label,
  required,
  rules = [],
  extra,
  max,
  len,
  maxLength = max ?? len,
  placeholder,
  testId,
}: ItemProps & {
  label: string;
  /** At most this many characters (also the input's limit). */
  max?: number;
  /** Exactly this many characters (also the input's limit). */
  len?: number;
  maxLength?: number;
  placeholder?: string;
  testId?: string;
}) {
  const lengthRules: Rule[] = [
    ...(max === undefined ? [] : [{ max, message: `${label}最多 ${max} 个字` }]),
    ...(len === undefined ? [] : [{ len, message: `${label}应为 ${len} 位` }]),
  ];
  return (
    <Form.Item name={name} label={label} rules={itemRules(required, [...lengthRules, ...rules])} extra={extra}>
      <Input maxLength={maxLength} placeholder={placeholder} data-testid={testId} />
    </Form.Item>
  );
}

export function UnitSelectField({
  name,
  label,
  required,
  rules,
  extra,
  units,
}: ItemProps & { units: readonly { code: string; name: string }[] }) {
  return (
    <Form.Item name={name} label={label} rules={itemRules(required, rules)} extra={extra}>
      <UnitSelect units={units} />
    </Form.Item>
  );
}

export function UnitSelect({ units, ...props }: { units: readonly { code: string; name: string }[] } & Omit<SelectProps, 'options'>) {
  return <Select showSearch optionFilterProp="label" options={units.map((u) => ({ value: u.code, label: u.name }))} {...props} />;
}

export function TagsField({ name, label }: { name: string; label: ReactNode }) {
  return (
    <Form.Item name={name} label={label}>
      <Select mode="tags" tokenSeparators={['、', ',', '，']} />
    </Form.Item>
  );
}
