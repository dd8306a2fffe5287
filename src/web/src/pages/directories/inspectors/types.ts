// Shapes of the 执法检查人员名录库 API (src/server/inspectors/routes.ts), from the route table.
import type { ApiOutput } from '../../../api.ts';

export type InspectorView = ApiOutput<'GET /api/inspectors'>['items'][number];

export type InspectorDetail = ApiOutput<'GET /api/inspectors/:id'>;
export type RecusalView = InspectorDetail['recusals'][number];
export type RecusalKind = RecusalView['kind'];

export const recusalKindOptions: Array<{ value: RecusalKind; label: string }> = [
  { value: 'entity', label: '特定市场主体' },
  { value: 'former_employer', label: '原工作单位' },
  { value: 'relative_business', label: '亲属经营' },
  { value: 'own_grid', label: '本人网格/辖区' },
];
