// The `ssj` command as a user runs it: a real process on a real embedded database directory.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { loadReferenceData } from '../db/reference-data.ts';
import { recordAudit } from '../server/audit/recordAudit.ts';
import { loadDemoWithAudit } from '../demo/installDemo.ts';
import { PROVINCE_UNIT } from '../testing/indicatorYear.ts';
import { makeUscc } from '../core/uscc/index.ts';
import { writeXlsx, writeXlsxStreamed } from '../server/files/spreadsheet.ts';

const bin = path.resolve(import.meta.dirname, '../../bin/ssj.mjs');

function ssj(...args: string[]) {
  // A command that does not exit on its own (the database left open) ends as status null.
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' }, timeout: 90_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A new embedded database directory with the schema migrated (and the reference data, when asked). */
async function freshDataDir(withReferenceData: boolean) {
  const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-cli-')), 'pglite');
  const database = await openDatabase({ dataDir });
  await migrate(database);
  if (withReferenceData) await loadReferenceData(database);
  return { dataDir, database };
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
    const { dataDir, database } = await freshDataDir(false);
    for (let i = 0; i < 5; i += 1) {
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, {
          unitCode: '140581',
          actorUserId: null,
          actorName: `测试${i}`,
          action: 'test.event',
          objectType: 'test',
          objectId: String(i),
          after: { i },
        }),
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
  }, 180_000);

  it('audit anchor: rows cut from the end of a chain pass the chain check but not the anchored head', async () => {
    const { dataDir, database } = await freshDataDir(false);
    for (let i = 0; i < 5; i += 1) {
      await database.db.transaction().execute((trx) =>
        recordAudit(trx, { unitCode: '140581', actorUserId: null, actorName: `测试${i}`, action: 'test.event', objectType: 'test', objectId: String(i) }),
      );
    }
    await database.close();
    const anchorFile = path.join(path.dirname(dataDir), 'anchor.json');
    const anchored = ssj('audit', 'anchor', '--out', anchorFile, '--data-dir', dataDir);
    expect(anchored.status, anchored.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(anchorFile, 'utf8')).heads).toEqual([expect.objectContaining({ unitCode: '140581', seq: 5 })]);
    expect(ssj('audit', 'verify', '--anchor', anchorFile, '--data-dir', dataDir).status).toBe(0);

    const cut = await openDatabase({ dataDir });
    await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(cut.db);
    await sql`DELETE FROM audit_log WHERE unit_code = '140581' AND seq >= 4`.execute(cut.db);
    await cut.close();

    // What the chain alone cannot see …
    expect(ssj('audit', 'verify', '--data-dir', dataDir).status).toBe(0);
    // … the anchor kept outside the database does, and so does the one kept inside.
    const outside = ssj('audit', 'verify', '--anchor', anchorFile, '--data-dir', dataDir);
    expect(outside.status).toBe(1);
    expect(outside.stderr).toContain('单位 140581 的审计链被截短：锚定时已到第 5 条，现在只到第 3 条');
    expect(ssj('audit', 'verify', '--anchored', '--data-dir', dataDir).status).toBe(1);
  }, 300_000);

  it('plan import: --dry-run lists the tasks and every problem and writes nothing; import then export round-trips', async () => {
    const { dataDir, database } = await freshDataDir(true);
    await database.db
      .insertInto('org_unit')
      .values([
        { ...PROVINCE_UNIT, dept_type: null },
        {
          code: '140500',
          name: '晋城市市场监督管理局',
          short_name: '晋城市局',
          kind: 'city',
          parent_code: '140000',
          path: '140000.140500',
          region_code: '140500',
          dept_type: null,
        },
      ])
      .execute();
    await database.close();
    const seed000 = path.resolve(import.meta.dirname, '../core/plan/fixtures/seed000.tsv');

    const dry = ssj('plan', 'import', seed000, '--unit', '140500', '--year', '2023', '--dry-run', '--data-dir', dataDir);
    // Problems found: a non-zero status, so a script can stop before importing.
    expect(dry.status).toBe(1);
    expect(dry.stdout).toContain('识别到 16 个任务');
    expect(dry.stdout).toContain('未能识别的单元格 8 处');
    expect(dry.stdout).toContain('序号8，第6行「抽查起止时间」');
    expect(dry.stdout).toContain('试运行：未写入数据库');

    // A dry run writes nothing (it only reads the unit's remembered 列对应): it must still close the database and exit, every time.
    const dryAgain = ssj('plan', 'import', seed000, '--unit', '140500', '--year', '2023', '--dry-run', '--data-dir', dataDir);
    expect(dryAgain.status).toBe(1);
    expect(dryAgain.stdout).toContain('试运行：未写入数据库');

    const badYear = ssj('plan', 'import', seed000, '--unit', '140500', '--year', '23', '--data-dir', dataDir);
    expect(badYear.status).toBe(1);
    expect(badYear.stderr).toContain('不是有效年度');

    const real = ssj(
      'plan',
      'import',
      seed000,
      '--unit',
      '140500',
      '--year',
      '2023',
      '--doc-number',
      '晋市监〔2023〕21号',
      '--data-dir',
      dataDir,
    );
    expect(real.status).toBe(0);
    const id = /计划草稿 ([0-9a-f-]{36})/.exec(real.stdout)?.[1];
    expect(id).toBeDefined();
    const out = path.join(path.dirname(dataDir), 'plan.xlsx');
    const exported = ssj('plan', 'export', id!, '--out', out, '--data-dir', dataDir);
    expect(exported.status).toBe(0);
    expect(exported.stdout).toContain('16 个任务');
    const again = ssj('plan', 'import', out, '--unit', '140500', '--year', '2023', '--dry-run', '--data-dir', dataDir);
    expect(again.stdout).toContain('识别到 16 个任务');
    expect(again.stdout).toContain('未能识别的单元格 8 处');

    const check = await openDatabase({ dataDir });
    const tasks = await check.db.selectFrom('plan_task').select('task_code').orderBy('task_code').execute();
    await check.close();
    expect(tasks.map((t) => t.task_code)).toEqual(Array.from({ length: 16 }, (_, i) => `140500-2023-${String(i + 1).padStart(3, '0')}`));
  }, 180_000);

  it('draw export: the demo task of record exports a bundle that ssj verify finds VALID (auditor and public)', async () => {
    const { dataDir, database } = await freshDataDir(true);
    await loadDemoWithAudit(database, { entitiesPerCounty: 300 });
    await database.close();
    const out = path.join(path.dirname(dataDir), 'draw.bundle.json');
    const exported = ssj('draw', 'export', '140581-2025-013', '--out', out, '--data-dir', dataDir);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toContain('140581-2025-013-1');
    const verified = ssj('verify', out);
    expect(verified.stdout).toContain('VALID（审计版）');
    expect(verified.status).toBe(0);
    const pub = path.join(path.dirname(dataDir), 'public.bundle.json');
    expect(ssj('draw', 'export', '140581-2025-013', '--out', pub, '--public', '--data-dir', dataDir).status).toBe(0);
    expect(ssj('verify', pub).stdout).toContain('VALID（公示版）');
    const missing = ssj('draw', 'export', '140581-2025-002', '--out', out, '--data-dir', dataDir);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('没有找到');
  }, 180_000);

  it('import entities from an .xlsx: prints its percentage, from the declared rows or the bytes read, up to 100 %', async () => {
    const { dataDir, database } = await freshDataDir(true);
    await loadDemoWithAudit(database, { entitiesPerCounty: 60 });
    await database.close();
    const header = ['统一社会信用代码', '企业名称', '主体类别', '登记状态', '成立日期', '住所', '法定代表人', '管辖单位'];
    const rows = Array.from({ length: 30 }, (_, i) => {
      const uscc = makeUscc({ authority: '9', type: '1', division: '140581', orgCode8: `C${String(i).padStart(7, '0')}` });
      return {
        uscc,
        name: `高平市命令行测试${i}商行`,
        type: '企业',
        status: '存续',
        on: '2020-01-01',
        address: '米山镇',
        rep: '某',
        unit: '140581-mishan',
      };
    });
    const columns = header.map((h, i) => ({ header: h, key: ['uscc', 'name', 'type', 'status', 'on', 'address', 'rep', 'unit'][i]! }));
    // writeXlsx declares the sheet's range (<dimension>); the streaming writer does not.
    const declared = path.join(path.dirname(dataDir), '名录.xlsx');
    fs.writeFileSync(declared, await writeXlsx([{ name: '名录', columns, rows }]));
    const streamed = path.join(path.dirname(dataDir), '名录-流式.xlsx');
    fs.writeFileSync(streamed, await writeXlsxStreamed([{ name: '名录', columns, rows }]));

    const dry = ssj('import', 'entities', streamed, '--unit', '140581', '--dry-run', '--data-dir', dataDir);
    expect(dry.status, dry.stderr).toBe(0);
    expect(dry.stderr).toContain('读取校验：100% 30/30 行');
    const done = ssj('import', 'entities', declared, '--unit', '140581', '--data-dir', dataDir);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain('读取校验：0% 0/30 行');
    expect(done.stderr).toContain('写入名录库：100% 30/30 行');
    expect(done.stdout).toContain('新增 30');
  }, 180_000);

  it('import classifications: shows its progress; a bad row is named and nothing is written (exit 1); a good file is written', async () => {
    const { dataDir, database } = await freshDataDir(true);
    await loadDemoWithAudit(database, { entitiesPerCounty: 300 });
    const usccs = (
      await database.db.selectFrom('market_entity').select('uscc').where('region_code', '=', '140581').orderBy('uscc').limit(3).execute()
    ).map((e) => e.uscc);
    await database.close();
    const file = path.join(path.dirname(dataDir), '特种设备分级.csv');
    const header = '统一社会信用代码,分级类别,风险等级,评定日期,来源';
    const good = usccs.map((u) => `${u},特种设备风险分级,C,2026-03-01,特种设备安全监察系统`);
    fs.writeFileSync(file, [header, ...good, `${usccs[0]},特种设备风险分级,E,,`].join('\n'));
    const report = path.join(path.dirname(dataDir), 'report.xlsx');
    const bad = ssj('import', 'classifications', file, '--unit', '140581', '--report', report, '--data-dir', dataDir);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain('有错误，未写入任何数据');
    expect(bad.stderr).toContain('第 5 行「风险等级」（E）：风险等级应为 A、B、C、D');
    expect(bad.stderr).not.toContain('--valid-only');
    expect(fs.existsSync(report)).toBe(true);

    fs.writeFileSync(file, [header, ...good].join('\n'));
    const done = ssj('import', 'classifications', file, '--unit', '140581', '--data-dir', dataDir);
    expect(done.status, done.stderr).toBe(0);
    expect(done.stderr).toContain('核对名录库：100% 3/3 行');
    expect(done.stdout).toContain('新增 3，更新 0，未变 0');
    const check = await openDatabase({ dataDir });
    const rows = await check.db.selectFrom('entity_risk_classification').select(['uscc', 'risk_class']).where('classification', '=', 'specialEquipment').execute();
    await check.close();
    expect(rows.map((r) => r.uscc).sort()).toEqual([...usccs].sort());
    expect(rows.every((r) => r.risk_class === 'C')).toBe(true);
  }, 180_000);
});
