import { Alert, Button } from 'antd';
import type { ApiError } from '../api.ts';

/** Shows a server error verbatim (the server writes Chinese messages that say how to fix). */
export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      title={error.message}
      description={error.status > 0 ? `错误代码：${error.code}（HTTP ${error.status}）` : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
