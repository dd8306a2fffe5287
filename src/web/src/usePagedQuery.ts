import { useState } from 'react';
import { addressOf, type ApiKey, type ApiOutput, type QueryValue } from './api.ts';
import { useApiData } from './useApiData.ts';

/** The answer of a list endpoint that pages ({ items, total, … }), from the route table. */
type PageOf<K extends ApiKey> = ApiOutput<K> extends { total: number } ? ApiOutput<K> : never;

/**
 * Server-side paging and filtering for a list endpoint, named by its key in the route table
 * (?page&pageSize&…filters); the answer's type is the route's. Changing a filter goes back to page 1.
 */
export function usePagedQuery<K extends ApiKey, F extends Record<string, QueryValue>, A extends { total: number } = PageOf<K>>(
  key: K,
  initialFilters: F,
  options: { params?: Record<string, string>; pageSize?: number } = {},
) {
  const [paging, setPaging] = useState({ page: 1, pageSize: options.pageSize ?? 20 });
  const [filters, setFilters] = useState<F>(initialFilters);
  const result = useApiData<A>(addressOf(key, { params: options.params, query: { page: paging.page, pageSize: paging.pageSize, ...filters } }));

  return {
    ...result,
    filters,
    setFilter: <N extends keyof F>(name: N, value: F[N]) => {
      setFilters((f) => ({ ...f, [name]: value }));
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
