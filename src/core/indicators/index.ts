// Indicators (统计分析 and 考核; docs/indicators.md). Pure.
export * from './definitions.ts';
export * from './compute.ts';
export * from './facts.ts';
export * from './drawRisk.ts';
export * from './annualSummary.ts';
