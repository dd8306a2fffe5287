// Shapes of the 随机抽查事项清单 answers, taken from the route table (src/server/checkItems/routes.ts).
import type { ApiOutput } from '../../../api.ts';

export type CheckItemVersion = ApiOutput<'GET /api/check-items/versions'>['items'][number];
export type VersionDetail = ApiOutput<'GET /api/check-items/versions/:id'>;
export type CheckItem = ApiOutput<'GET /api/check-items/versions/:id/items'>['items'][number];
export type ItemClaim = NonNullable<CheckItem['claim']>;
export type CheckMethod = CheckItem['methods'][number];
export type ImportResult = ApiOutput<'POST /api/check-items/versions/import'>;
export type VersionDiffAnswer = ApiOutput<'GET /api/check-items/versions/:id/diff'>;
export type VersionDiff = NonNullable<VersionDiffAnswer['diff']>;
export type ReviewClaim = ApiOutput<'GET /api/check-items/claims/review'>['items'][number];
/** A row the import refused, as listed in the details of its refusal. */
export type { RowError } from '../../../../../server/checkItems/itemRows.ts';

/** The four 检查方式, in the order the lists use (the filter's options). */
export const CHECK_METHODS: readonly CheckMethod[] = ['实地核查', '书面检查', '网络监测', '委托专业机构'];
