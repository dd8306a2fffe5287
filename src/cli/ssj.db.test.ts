// The `ssj` command as a user runs it: a real process on a real embedded database directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { recordAudit } from '../server/audit/recordAudit.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/ssj.mjs');

function ssj(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('ssj', () => {
  it('prints help for the program and each command', () => {
    const top = ssj('--help');
    expect(top.status).toBe(0);
    for (const command of ['serve', 'migrate', 'demo', 'audit']) expect(top.stdout).toContain(command);
    const verify = ssj('audit', 'verify', '--help');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('--data-dir');
  });

  it('audit verify: intact chain exits 0; a row altered by hand in SQL is named and exits 1', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-cli-')), 'pglite');
    const database = await openDatabase({ dataDir });
    await migrate(database);
    for (let i = 0; i < 5; i += 1) {
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, { unitCode: '140581', actorUserId: null, actorName: `测试${i}`, action: 'test.event', objectType: 'test', objectId: String(i), after: { i } }),
      );
    }
    await database.close();

    const intact = ssj('audit', 'verify', '--data-dir', dataDir);
    expect(intact.stdout + intact.stderr).toContain('审计链完整');
    expect(intact.status).toBe(0);

    const tamper = await openDatabase({ dataDir });
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(tamper.db);
    await sql`UPDATE audit_log SET summary = '{"after":{"i":99}}' WHERE unit_code = '140581' AND seq = 3`.execute(tamper.db);
    await tamper.close();

    const broken = ssj('audit', 'verify', '--data-dir', dataDir);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain('单位 140581 第 3 条记录的内容与其哈希不符');
  });
});
