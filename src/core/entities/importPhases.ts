// The phases an entity import's job names in its progress, as the server reports them and the
// console shows them.

/** Reading and validating the file's rows (the total is the file's, estimated until all are read). */
export const IMPORT_READ_PHASE = '读取校验';
/** Writing the new and changed entities into the directory (the total is the entities to write). */
export const IMPORT_WRITE_PHASE = '写入名录库';
