// Inspection results: categories and their rules, review and publication, deadlines.
// Pure, runs in Node and the browser.
export { type DomainError, type DomainErrorCode, type Outcome } from './outcome.ts';
export * from './categories.ts';
export * from './reviewFlow.ts';
export * from './deadlines.ts';
