import type { SelectQueryBuilder } from 'kysely';
import { z } from 'zod';

export const pagingQuery = {
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1).describe('页码'),
  pageSize: z.coerce.number().int().min(1, '每页至少 1 条').max(200, '每页最多 200 条').default(20).describe('每页条数'),
};

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The number of rows a list query matches (the `total` of a paged answer). */
export async function countRows<D, T extends keyof D>(base: SelectQueryBuilder<D, T, object>): Promise<number> {
  const row = (await base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()) as { n: string | number };
  return Number(row.n);
}

/** What names one page of a list: the page number from 1 and the rows per page. */
export interface PageRequest {
  page: number;
  pageSize: number;
}

/** LIMIT/OFFSET of one page on an ordered list query: `.$call(onePage(query))`. */
export function onePage(request: PageRequest) {
  return <D, T extends keyof D, O>(query: SelectQueryBuilder<D, T, O>): SelectQueryBuilder<D, T, O> =>
    query.limit(request.pageSize).offset((request.page - 1) * request.pageSize);
}

/** The paged answer of a list: one page's items, the total that matched, and which page it is. */
export function pagedAnswer<T>(items: T[], total: number, request: PageRequest): Paged<T> {
  return { items, total, page: request.page, pageSize: request.pageSize };
}
