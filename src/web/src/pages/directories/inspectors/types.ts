// Shapes of the 执法检查人员名录库 API (src/server/inspectors/routes.ts); the list's from the route table.
import type { ApiOutput } from '../../../api.ts';

export type InspectorView = ApiOutput<'GET /api/inspectors'>['items'][number];

export type RecusalKind = 'entity' | 'former_employer' | 'relative_business' | 'own_grid';

export interface RecusalView {
  id: string;
  kind: RecusalKind;
  kindLabel: string;
  uscc: string | null;
  relatedName: string | null;
  relatedRegionCode: string | null;
  relatedUnitCode: string | null;
  reason: string;
  declaredOn: string;
  validUntil: string | null;
  recordedBy: string;
  endedOn: string | null;
  endReason: string | null;
  active: boolean;
}

export interface InspectorDetail extends InspectorView {
  today: string;
  recusals: RecusalView[];
}

export const recusalKindOptions: Array<{ value: RecusalKind; label: string }> = [
  { value: 'entity', label: '特定市场主体' },
  { value: 'former_employer', label: '原工作单位' },
  { value: 'relative_business', label: '亲属经营' },
  { value: 'own_grid', label: '本人网格/辖区' },
];
