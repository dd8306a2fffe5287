// Shapes the entity-detail endpoint returns, taken from the route table
// (src/server/directories/entityRoutes.ts).
import type { ApiOutput } from '../../../api.ts';

export type EntityDetail = ApiOutput<'GET /api/entities/:uscc'>;
export type EntityHistoryEntry = EntityDetail['history'][number];
