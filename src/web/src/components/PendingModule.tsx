import { Card, Empty, Typography } from 'antd';
import type { ReactNode } from 'react';

/** An honest empty state for a part of the product that is not built yet: no fake data. */
export function PendingModule({ title, description, testId }: { title: string; description: ReactNode; testId?: string }) {
  return (
    <Card title={title} data-testid={testId}>
      <Empty
        description={
          <>
            <Typography.Text strong>{`${title}：尚无数据`}</Typography.Text>
            <br />
            <Typography.Text type="secondary">{description}</Typography.Text>
          </>
        }
      />
    </Card>
  );
}
