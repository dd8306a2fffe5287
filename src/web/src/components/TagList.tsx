import { Space, Tag } from 'antd';

/** A list of free-text tags; the API may send an array or a single string. */
export function TagList({ values, color }: { values: string[] | string | null | undefined; color?: string }) {
  const list = Array.isArray(values) ? values : values ? [values] : [];
  if (list.length === 0) return <>—</>;
  return (
    <Space size={[0, 4]} wrap>
      {list.map((v) => (
        <Tag key={v} color={color}>
          {v}
        </Tag>
      ))}
    </Space>
  );
}
