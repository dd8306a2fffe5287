// A calendar day picked with antd's DatePicker in Chinese (年-月-日, 今天, 一…日), whatever the
// browser's own locale: the value stays the wire's 'YYYY-MM-DD' text ('' when empty).
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';

dayjs.locale('zh-cn');

export function DateField({
  value,
  onChange,
  testId,
  disabled,
  placeholder = '请选择日期',
  min,
  max,
  ariaLabel,
}: {
  /** Optional so that an antd Form.Item can supply value and onChange. */
  value?: string | null | undefined;
  onChange?: (day: string) => void;
  testId?: string;
  disabled?: boolean;
  placeholder?: string;
  /** Days before this one ('YYYY-MM-DD') cannot be picked. */
  min?: string;
  /** Days after this one cannot be picked. */
  max?: string;
  ariaLabel?: string;
}) {
  const parsed = value ? dayjs(value, 'YYYY-MM-DD') : null;
  return (
    <DatePicker
      value={parsed && parsed.isValid() ? parsed : null}
      format="YYYY-MM-DD"
      placeholder={placeholder}
      disabled={disabled}
      style={{ maxWidth: 220, width: '100%' }}
      data-testid={testId}
      aria-label={ariaLabel}
      disabledDate={(d) => (min !== undefined && d.format('YYYY-MM-DD') < min) || (max !== undefined && d.format('YYYY-MM-DD') > max)}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : '')}
    />
  );
}
