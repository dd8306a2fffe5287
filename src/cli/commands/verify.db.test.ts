// `ssj verify` as a user runs it: a real process reading a bundle file.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../../../bin/ssj.mjs');
const fixture = path.resolve(import.meta.dirname, '../../core/draw/fixtures/worked-example.bundle.json');

function ssj(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, DATABASE_URL: '' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function tempFile(name: string, text: string): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ssj-verify-')), name);
  fs.writeFileSync(file, text);
  return file;
}

describe('ssj verify', () => {
  it('the worked example bundle is VALID (exit 0); --json prints the result object', () => {
    const valid = ssj('verify', fixture);
    // The worked example's groups carry no 专业领域 classification: the general one is named.
    expect(valid.stdout.trim().split('\n')).toEqual([
      'VALID（审计版）',
      '抽查组 FOOD 风险分类依据：信用风险分类',
      '抽查组 PRICE 风险分类依据：信用风险分类',
    ]);
    expect(valid.status).toBe(0);
    const json = ssj('verify', '--json', fixture);
    expect(JSON.parse(json.stdout)).toEqual({ status: 'VALID', scope: 'auditor' });
    expect(json.status).toBe(0);
  });

  it('a copy with one ticket hex digit flipped is INVALID naming the field (exit 1)', () => {
    const bundle = JSON.parse(fs.readFileSync(fixture, 'utf8'));
    const ticket: string = bundle.sample[3].ticket;
    bundle.sample[3].ticket = (ticket[0] === '1' ? '2' : '1') + ticket.slice(1);
    const invalid = ssj('verify', tempFile('flipped.json', JSON.stringify(bundle, null, 2)));
    expect(invalid.stdout).toContain('INVALID：第一处不符 sample[3].ticket');
    expect(invalid.stdout).toContain(`应为 ${ticket}`);
    expect(invalid.stdout).toContain(`实为 ${bundle.sample[3].ticket}`);
    expect(invalid.status).toBe(1);
  });

  it('a file that is not JSON is refused with a Chinese message (exit 2)', () => {
    const broken = ssj('verify', tempFile('broken.json', '{"spec": "ssj-draw/1",'));
    expect(broken.stderr).toContain('不是有效的 JSON');
    expect(broken.status).toBe(2);
  });
});
