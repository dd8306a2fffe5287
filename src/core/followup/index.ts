// Follow-up (后续处置): the problem ledger per finding. Pure.
export * from './ledger.ts';
