// Kysely table types for: 随机抽查事项清单（版本、事项、认领）. Kept in step with its migration.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface CheckItemTables {}
