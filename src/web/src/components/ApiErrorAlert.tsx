import { Alert, Button } from 'antd';
import type { ApiError } from '../api.ts';

/**
 * Shows a server error verbatim (the server writes Chinese messages that say how to fix). The
 * error code is for programs and support, kept in an attribute, never shown.
 */
export function ApiErrorAlert({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <Alert
      type="error"
      showIcon
      data-testid="api-error"
      title={error.message}
      data-error-code={error.code}
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
