// `ssj init` as an operator runs it — a real process — on an embedded database directory and, with
// DATABASE_URL, on a fresh PostgreSQL database: the template, refused files that leave the
// database empty, the org tree and first administrator, a second init refused, and the
// administrator's one-time password that must be changed at the first login.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { loadReferenceData } from '../../db/reference-data.ts';
import { countRows, openTestDatabases } from '../../db/testDatabase.ts';
import { verifyAuditChain } from '../../server/audit/verifyAuditChain.ts';
import { loadConfig } from '../../server/config.ts';
import { createApp } from '../../server/http/app.ts';
import { AppError } from '../../server/http/errors.ts';
import { initInstallation } from '../../server/orgs/installCommands.ts';
import { ApiClient } from '../../testing/apiClient.ts';

const bin = path.resolve(import.meta.dirname, '../../../bin/ssj.mjs');
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-init-'));

function ssj(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATABASE_URL: '' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Target {
  name: string;
  /** The command-line options that name the database. */
  args: string[];
  /** The database opened in this process (between commands, for PGlite: one process per data directory). */
  open(): Promise<Database>;
  release(database: Database): Promise<void>;
  dispose(): Promise<void>;
}

const pgliteDir = path.join(workDir, 'pglite');
const targets: Target[] = [
  {
    name: 'PGlite',
    args: ['--data-dir', pgliteDir],
    open: () => openDatabase({ dataDir: pgliteDir }),
    release: (database) => database.close(),
    dispose: async () => undefined,
  },
];
for (const testDb of await openTestDatabases()) {
  if (!testDb.url) {
    await testDb.dispose();
    continue;
  }
  targets.push({
    name: testDb.name,
    args: ['--database-url', testDb.url],
    open: async () => testDb.database,
    release: async () => undefined,
    dispose: () => testDb.dispose(),
  });
}

afterAll(() => fs.rmSync(workDir, { recursive: true, force: true }));

const HEADER = '单位代码,单位名称,上级单位代码,单位类型';
const GOOD_ROWS = [
  '140000,山西省市场监督管理局,,省级',
  '140500,晋城市市场监督管理局,140000,市级',
  '140581,高平市市场监督管理局,140500,县级',
  '140581-xyjg,高平市市场监督管理局信用监管股,140581,股室',
];

function csvFile(name: string, lines: string[]): string {
  const file = path.join(workDir, name);
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/** Each bad file, the row and column its first problem is reported at. */
const badFiles: Array<{ what: string; lines: string[]; row?: number; column?: string; message: string }> = [
  {
    what: 'unknown parent',
    lines: [HEADER, ...GOOD_ROWS, '140581-mishan,米山市场监管所,140582,所'],
    row: 6,
    column: '上级单位代码',
    message: '不是文件中任何一行的单位代码',
  },
  {
    what: 'duplicate code',
    lines: [HEADER, ...GOOD_ROWS, '140581-xyjg,法规股,140581,股室'],
    row: 6,
    column: '单位代码',
    message: '与第 5 行重复',
  },
  {
    what: 'cycle',
    lines: [HEADER, ...GOOD_ROWS, '140581-a,甲股,140581-b,股室', '140581-b,乙股,140581-a,股室'],
    row: 6,
    column: '上级单位代码',
    message: '循环',
  },
  {
    what: 'bad division code',
    lines: [HEADER, ...GOOD_ROWS.slice(0, 2), '140599,高平市市场监督管理局,140500,县级'],
    row: 4,
    column: '单位代码',
    message: '不是现行的行政区划代码',
  },
  { what: 'missing root', lines: [HEADER, ...GOOD_ROWS.slice(1)], row: 2, column: '单位类型', message: '没有组织机构的根' },
  {
    what: 'missing column',
    lines: ['单位代码,单位名称,单位类型', '140000,山西省市场监督管理局,省级'],
    message: '表头缺少必填列：上级单位代码',
  },
];

async function expectEmpty(database: Database): Promise<void> {
  for (const table of ['org_unit', 'app_user', 'user_role', 'audit_log'] as const) expect(await countRows(database, table), table).toBe(0);
}

describe.each(targets.map((t) => [t.name, t] as const))('ssj init on %s', (_name, target) => {
  afterAll(() => target.dispose());

  it('every bad file is refused naming the row and column, and the database stays empty', async () => {
    const database = await target.open();
    try {
      await migrate(database);
      await loadReferenceData(database);
      for (const bad of badFiles) {
        const file = csvFile(`bad-${bad.what.replace(/\s/g, '-')}.csv`, bad.lines);
        const refused = await initInstallation(database.db, {
          filePath: file,
          fileName: path.basename(file),
          adminUsername: 'admin',
          adminName: '郝志刚',
          actorName: '测试',
        }).then(
          () => null,
          (error: unknown) => error,
        );
        expect(refused, bad.what).toBeInstanceOf(AppError);
        const error = refused as AppError;
        expect(error.message, bad.what).toContain(bad.row ? '未导入任何数据' : bad.message);
        if (bad.row) {
          const errors = (error.details as { errors: Array<{ row: number; column: string; message: string }> }).errors;
          expect(errors, bad.what).toContainEqual(
            expect.objectContaining({ row: bad.row, column: bad.column, message: expect.stringContaining(bad.message) }),
          );
        }
        await expectEmpty(database);
      }
    } finally {
      await target.release(database);
    }
  }, 120_000);

  it('the command prints a refused file row by row and exits 1, writing nothing', async () => {
    const file = csvFile('cycle.csv', badFiles.find((b) => b.what === 'cycle')!.lines);
    const refused = ssj('init', '--org-tree', file, '--admin-username', 'admin', ...target.args);
    expect(refused.status, refused.stderr).toBe(1);
    expect(refused.stderr).toContain('第 6 行「上级单位代码」（140581-b）：上级单位形成循环（140581-a → 140581-b → 140581-a）');
    expect(refused.stdout).not.toContain('一次性密码');
    const database = await target.open();
    try {
      await expectEmpty(database);
    } finally {
      await target.release(database);
    }
  }, 180_000);

  it('init from the template: the org tree and an administrator who must change the one-time password; a second init is refused', async () => {
    const template = path.join(workDir, `template-${target.name}.xlsx`);
    const written = ssj('init', '--template', template);
    expect(written.status, written.stderr).toBe(0);

    const done = ssj(
      'init',
      '--org-tree',
      template,
      '--admin-username',
      'GP.Admin',
      '--admin-name',
      '牛海涛',
      '--admin-unit',
      '140581',
      ...target.args,
    );
    expect(done.status, done.stderr).toBe(0);
    expect(done.stdout).toContain('已建立组织机构：共 6 个单位（省级 1，市级 1，县级 1，股室/科室 1，市场监管所 1，联合抽查成员单位 1）');
    expect(done.stdout).toContain('第一个系统管理员：gp.admin（牛海涛，高平市市场监督管理局）');
    const password = /一次性密码：(\S+)/.exec(done.stdout)?.[1];
    expect(password).toMatch(/^[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){3}$/);

    const again = ssj('init', '--org-tree', template, '--admin-username', 'other', ...target.args);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('数据库中已有 6 个单位、1 个账号，首次启动只能在空数据库上进行');
    expect(again.stdout).not.toContain('一次性密码');

    const database = await target.open();
    try {
      expect(await countRows(database, 'org_unit')).toBe(6);
      expect(await countRows(database, 'app_user')).toBe(1);
      const units = await database.db
        .selectFrom('org_unit')
        .select(['code', 'path', 'region_code', 'kind', 'dept_type'])
        .orderBy('path')
        .execute();
      expect(units).toContainEqual({
        code: '140581-zj',
        path: '140000.140500.140581.140581-zj',
        region_code: '140581',
        kind: 'department',
        dept_type: '住建',
      });
      const audit = await database.db.selectFrom('audit_log').select(['unit_code', 'action', 'actor_name']).execute();
      expect(audit.filter((a) => a.action === 'org.create')).toHaveLength(6);
      expect(audit.filter((a) => a.action === 'user.create')).toHaveLength(1);
      expect(new Set(audit.map((a) => `${a.unit_code} ${a.actor_name}`))).toEqual(new Set(['140000 ssj 命令行']));
      expect((await verifyAuditChain(database.db)).ok).toBe(true);

      const app = createApp({ database, config: loadConfig({ dataDir: 'memory://', webDir: 'dist/web' }, {}) });
      const admin = new ApiClient(app);
      expect((await admin.login('gp.admin', password!)).status).toBe(200);
      expect((await admin.get('/api/auth/me')).body.user.mustChangePassword).toBe(true);
      const blocked = await admin.get('/api/orgs');
      expect(blocked.status).toBe(403);
      expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      expect((await admin.post('/api/auth/password', { currentPassword: password, newPassword: 'Gao-Ping.2027' })).status).toBe(204);
      const orgs = await admin.get('/api/orgs');
      expect(orgs.status).toBe(200);
      expect(orgs.body.items.map((u: { code: string }) => u.code).sort()).toEqual(['140581', '140581-mishan', '140581-xyjg', '140581-zj']);
    } finally {
      await target.release(database);
    }
  }, 300_000);
});

describe('ssj serve --no-demo on an empty database', () => {
  it('does not start a server nobody can log into: it says to run ssj init', () => {
    const served = ssj('serve', '--no-demo', '--no-build', '--port', '0', '--data-dir', path.join(workDir, 'empty'));
    expect(served.status).toBe(1);
    expect(served.stderr).toContain('数据库中还没有组织机构和账号，启动后无人能够登录，服务未启动');
    expect(served.stderr).toContain('ssj init --org-tree 组织机构.xlsx --admin-username admin');
    expect(served.stdout).not.toContain('已启动');
  }, 120_000);
});
