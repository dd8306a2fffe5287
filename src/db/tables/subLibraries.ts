// Kysely table types for: 名录分库与事项—对象映射. Kept in step with its migration.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface SubLibraryTables {}
