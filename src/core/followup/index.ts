// Follow-up (后续处置): the problem ledger per finding. Pure.
export {
  type Feedback,
  type LedgerItem,
  type Measure,
  type Recheck,
  type ReplacedMeasure,
  closeLedgerItem,
  closingBlocker,
  decideMeasure,
  departmentReferralModeLabel,
  ledgerItemDue,
  openLedgerItem,
  recordCaseNumber,
  recordFeedback,
  recordPenaltyDecision,
  recordRecheck,
} from './ledger.ts';
