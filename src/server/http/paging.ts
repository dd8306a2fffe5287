import { z } from 'zod';

export const pagingQuery = {
  page: z.coerce.number().int().min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce.number().int().min(1).max(200, '每页最多 200 条').default(20),
};

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
