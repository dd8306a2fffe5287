import { useState } from 'react';
import { withQuery, type QueryValue } from './api.ts';
import type { Page } from './apiTypes.ts';
import { useApiData } from './useApiData.ts';

/**
 * Server-side paging and filtering for a list endpoint (?page&pageSize&…filters).
 * Changing a filter goes back to page 1.
 */
export function usePagedQuery<T, F extends Record<string, QueryValue>>(path: string, initialFilters: F, pageSize = 20) {
  const [paging, setPaging] = useState({ page: 1, pageSize });
  const [filters, setFilters] = useState<F>(initialFilters);
  const result = useApiData<Page<T>>(withQuery(path, { page: paging.page, pageSize: paging.pageSize, ...filters }));

  return {
    ...result,
    filters,
    setFilter: <K extends keyof F>(key: K, value: F[K]) => {
      setFilters((f) => ({ ...f, [key]: value }));
      setPaging((p) => ({ ...p, page: 1 }));
    },
    pagination: {
      current: paging.page,
      pageSize: paging.pageSize,
      total: result.data?.total ?? 0,
      showSizeChanger: true,
      pageSizeOptions: [10, 20, 50, 100],
      showTotal: (total: number) => `共 ${total} 条`,
      onChange: (page: number, size: number) => setPaging((p) => ({ page: size === p.pageSize ? page : 1, pageSize: size })),
    },
  };
}
