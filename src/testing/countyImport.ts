// Tests that call the entity import directly rather than through the API: a job of the demo
// county (高平市) as the API would create it, and the import run with the county's scope.
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createJob } from '../server/jobs/jobs.ts';
import { runImportJob, type ImportJobInput } from '../server/imports/entityImport.ts';

/** The demo county's code and the 所 its test files name as 管辖单位. */
const COUNTY = '140581';
const STATION = '140581-mishan';

/** The county's entity-import job for `fileName`, as the API would create it. */
export function createCountyImportJob(db: Kysely<DB>, fileName: string): Promise<string> {
  return createJob(db, {
    unitCode: COUNTY,
    kind: 'entity_import',
    fileName,
    fileBytes: null,
    options: {},
    createdBy: null,
    createdByName: 'test',
  });
}

/**
 * Runs the import of a job as the command line would for the county (a live import unless
 * `options` says otherwise); the rest of the input adds or overrides any other setting.
 */
export function runCountyImport(db: Kysely<DB>, input: Pick<ImportJobInput, 'jobId' | 'filePath' | 'fileName'> & Partial<ImportJobInput>) {
  return runImportJob(db, {
    kind: 'entity_import',
    unitCode: COUNTY,
    scopeUnitCodes: [COUNTY, STATION],
    actor: { userId: null, name: 'test' },
    options: { dryRun: false, validOnly: false },
    today: '2026-11-23',
    ...input,
  });
}
