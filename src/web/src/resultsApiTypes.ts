// Shapes of the inspection, result and follow-up API (src/server/results, src/server/followup)
// as the console and the portal read them.
import type { InspectionMethod, ResultCategory, ResultStatus } from '../../core/glossary.ts';

export interface VisitEntity {
  name: string;
  address: string | null;
  legalRep: string | null;
  regStatus: string;
  unitCode: string;
}

export interface VisitInspector {
  code: string;
  id: string;
  name: string;
  category: string;
}

export interface ItemResultInput {
  categories: ResultCategory[];
  methods: InspectionMethod[];
  findings?: string | null;
  otherText?: string | null;
  productCheck?: boolean;
  rectificationDeadline?: string | null;
}

export interface ResultInput {
  checkedOn: string;
  items: { itemName: string; result: ItemResultInput }[];
  /** A member department's part of a 部门联合 visit: the department's own inspectors. */
  departmentInspectors?: string[];
}

export interface StoredContent {
  input: ResultInput;
  confirmedBy: string[];
  enteredBy: string;
}

export interface ResultRecord {
  status: ResultStatus;
  version: number;
  versions: { version: number; reason: string | null; createdOn: string; publishedOn: string | null }[];
  publicVersion: number | null;
  firstPublishedOn: string | null;
  returns: { version: number; on: string; reason: string }[];
  stoppedOn: string | null;
  stopRequests: {
    status: 'requested' | 'approved' | 'rejected';
    requestedOn: string;
    requestReason: string;
    decidedOn: string | null;
    decisionReason: string | null;
  }[];
}

export interface ResultView {
  id: string;
  unitCode: string;
  drawId: string;
  taskCode: string;
  uscc: string;
  entityName: string;
  status: ResultStatus;
  statusText: string;
  record: ResultRecord;
  content: StoredContent;
  publicText: string | null;
  publishedOn: string | null;
  checkedOn: string | null;
  stoppedOn: string | null;
}

export interface ResultAttachment {
  id: string;
  file_name: string;
  kind: string;
  bytes: number;
  uploaded_by_name: string;
  uploaded_at: string;
}

export interface ResultDetail extends ResultView {
  versions: { version_no: number; content: unknown; reason: string | null; created_by_name: string; created_at: string }[];
  attachments: ResultAttachment[];
}

export interface MyVisit {
  drawId: string;
  drawCode: string;
  taskCode: string;
  taskName: string;
  year: number;
  window: { start: string; end: string } | null;
  uscc: string;
  entity: VisitEntity | null;
  items: string[];
  inspectingUnit: string;
  inspectors: VisitInspector[];
  result: { id: string; status: ResultStatus; statusText: string; checkedOn: string | null; confirmedBy: string[] } | null;
}

export interface MyVisits {
  inspector: { id: string; name: string } | null;
  items: MyVisit[];
  message?: string;
}

export interface VisitDetail extends Omit<MyVisit, 'result'> {
  drawUnitCode: string;
  assignedToMe: boolean;
  myInspectorId: string | null;
  guides: Record<string, string | null>;
  result: ResultView | null;
  /** The caller enters its department's own part of a 部门联合 visit. */
  departmentPart: boolean;
  /** Every unit's part of the visit (the inspecting unit's and member departments'). */
  parts: { unitCode: string; unitName: string; status: string; statusText: string; publicText: string | null }[];
}

export interface DeadlineRow {
  drawId: string;
  drawCode: string;
  taskCode: string;
  taskName: string | null;
  taskEnd: string;
  due: string | null;
  dueUnknownReason: string | null;
  visits: number;
  published: number;
  pending: { uscc: string; resultId: string | null }[];
  status: 'ok' | 'dueSoon' | 'overdue' | 'unknown' | 'done';
  workingDaysLeft: number | null;
  taskCompleted: boolean;
}

export interface AbnormalStep {
  resultId: string;
  uscc: string;
  entityName: string;
  taskCode: string;
  resultDate: string | null;
  due: string | null;
  listedOn: string | null;
  status: DeadlineRow['status'];
  workingDaysLeft: number | null;
}

export interface Deadlines {
  today: string;
  items: DeadlineRow[];
  /** 经营异常名录 steps (无法联系 / 未按规定公示): due 10 working days after the result. */
  abnormalSteps: AbnormalStep[];
  overdue: number;
  dueSoon: number;
}

export interface PublicResult {
  id: string;
  entityName: string;
  uscc: string;
  authority: string;
  taskCode: string;
  checkedOn: string | null;
  result: string | null;
  publishedOn: string | null;
}
