// Shapes of the 执法检查人员名录库 API (src/server/inspectors/routes.ts).
export interface InspectorView {
  id: string;
  unitCode: string;
  unitName: string;
  name: string;
  gender: '男' | '女' | null;
  category: 'enforcement' | 'expert';
  certNo: string | null;
  certExpiresOn: string | null;
  position: string | null;
  specialties: string[];
  qualifications: string[];
  regionCode: string;
  status: '在岗' | '调离' | '退休';
  statusSince: string | null;
  drawable: boolean;
  notDrawableReason: string | null;
}

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
