// GET a JSON resource for a page. Keeps the previous data while a new request runs
// (tables don't flash), drops stale answers, and sends the user to /login on 401.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, addressOf, api, isAbort, type ApiInput, type ApiKey, type ApiOutput } from './api.ts';
import { useLoginRedirect } from './session.tsx';

export interface ApiData<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Any failure as an ApiError whose message a person can read: the server's Chinese message, or —
 * for a fault in the page itself, whose text is English — a Chinese sentence (the fault goes to
 * the browser console for support).
 */
export function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  console.error(e);
  return new ApiError(0, 'client_error', '页面处理数据时出错，请刷新页面后重试；如仍出现，请联系系统管理员。');
}

/** path null = don't fetch (yet). */
export function useApiData<T>(path: string | null): ApiData<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(path !== null);
  const [generation, setGeneration] = useState(0);
  const toLogin = useLoginRedirect();

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    api.get<T>(path, controller.signal).then(
      (result) => {
        setData(result);
        setLoading(false);
      },
      (e: unknown) => {
        if (isAbort(e)) return;
        const err = toApiError(e);
        if (err.status === 401) toLogin();
        setData(undefined);
        setError(err);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [path, generation, toLogin]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return { data, error, loading, reload };
}

/**
 * GET an endpoint by its key with typed input and answer; input null = don't fetch (yet).
 * Refetches when the address changes.
 */
export function useEndpoint<K extends ApiKey>(key: K, input: ApiInput<K> | null): ApiData<ApiOutput<K>> {
  const url = input === null ? null : addressOf(key, input as Parameters<typeof addressOf>[1]);
  return useApiData<ApiOutput<K>>(url);
}
