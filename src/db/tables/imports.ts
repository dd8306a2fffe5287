// Kysely table types for: 数据导入（导入任务、名录变更历史）. Kept in step with its migration.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ImportTables {}
