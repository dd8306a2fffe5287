// Kysely table types for: 执法检查人员名录库扩展（回避声明等）. Kept in step with its migration.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface InspectorDirectoryTables {}
