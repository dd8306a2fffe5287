// Shapes of the /api/check-items answers (src/server/checkItems/routes.ts).
export const CHECK_METHODS = ['实地核查', '书面检查', '网络监测', '委托专业机构'] as const;

export interface CheckItemVersion {
  id: string;
  issuingUnitCode: string;
  issuingUnitName: string | null;
  title: string;
  versionNo: number;
  status: 'draft' | 'issued';
  issuedOn: string | null;
  previousVersionId: string | null;
  sourceFileName: string | null;
  itemCount: number;
  createdByName: string;
  claimedByMyUnit?: number;
}

export interface VersionDetail extends CheckItemVersion {
  categories: Array<{ category: string; count: number }>;
  canClaim: boolean;
}

export interface ItemClaim {
  claimedOn: string;
  responsibleOffice: string | null;
  localNote: string | null;
  reviewStatus: 'current' | 'needs_review';
  reviewReason: 'removed' | 'changed' | null;
  changedFields: string[];
  versionId: string;
}

export interface CheckItem {
  itemCode: string;
  seq: number;
  category: string;
  name: string;
  content: string;
  legalBasis: string;
  target: string;
  methods: string[];
  subjectLevel: string;
  isKey: boolean;
  staffRequirements: string[];
  guide: string;
  claim: ItemClaim | null;
}

export interface RowError {
  rowNumber: number;
  column: string;
  value: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  versionId: string | null;
  versionNo: number | null;
  rowCount: number;
  itemCount: number;
  keyItems: number;
  categories: string[];
  unknownColumns: string[];
}

export interface FieldChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

export interface VersionDiff {
  added: Array<{ itemCode: string; name: string }>;
  removed: Array<{ itemCode: string; name: string }>;
  changed: Array<{ itemCode: string; name: string; changes: FieldChange[] }>;
  unchanged: number;
}

export interface ReviewClaim {
  unitCode: string;
  unitName: string;
  issuingUnitCode: string;
  itemCode: string;
  name: string;
  category: string;
  reason: 'removed' | 'changed';
  changedFields: string[];
  claimedOn: string;
  responsibleOffice: string | null;
  newVersionId: string | null;
  newVersionTitle: string | null;
}
