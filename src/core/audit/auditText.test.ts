import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUDIT_INTERNAL_ID_FIELDS,
  auditActionLabel,
  auditActionName,
  auditChangeText,
  auditObjectTypeLabel,
  auditObjectTypeName,
  describeAuditSummary,
} from './auditText.ts';

const lines = (summary: unknown, objectType = '') => describeAuditSummary(summary, objectType).changes.map(auditChangeText);

describe('audit summary in Chinese', () => {
  it('shows a state change by its labels, before → after', () => {
    const summary = { before: { status: 'draft', publishedVersion: null }, after: { status: 'published', publishedVersion: 1 } };
    expect(lines(summary, 'plan')).toEqual(['状态：草稿 → 已发布', '发布版本：（空） → 1']);
    // The same code reads as its object's state: a published result is 已公示.
    expect(lines({ before: { status: 'pendingReview' }, after: { status: 'published' } }, 'visit_result')).toEqual([
      '状态：待审核 → 已公示',
    ]);
  });

  it('shows the values of a new record, nested fields and code values by name', () => {
    const summary = {
      after: { action: 'decide', measure: { kind: 'orderCorrection', deadline: '2025-07-10' } },
    };
    expect(lines(summary, 'followup_item')).toEqual(['步骤：确定处置措施', '处置措施：类型：责令改正；完成时限：2025-07-10']);
    expect(lines({ after: { counts: { A: 24, U: 3 }, roles: ['planner', 'leader'] } })).toEqual([
      '各风险分类户数：A 低风险：24；未分类：3',
      '角色：信用监管科/股、领导',
    ]);
  });

  it('writes times in China time and keeps the note', () => {
    const text = describeAuditSummary({ after: { on: '2026-03-05T06:07:09.000Z' }, note: '原因说明' });
    expect(text.changes.map(auditChangeText)).toEqual(['日期：2026-03-05 14:07:09']);
    expect(text.note).toBe('原因说明');
  });

  it('leaves internal ids to the raw record: the object column names the record', () => {
    expect(describeAuditSummary({ after: { drawId: '0c1278a4-2b3f-4194-8c52-e23ec6173a0c', checkedOn: '2025-06-10' } })).toEqual({
      changes: [{ label: '检查日期', before: null, after: '2025-06-10' }],
      note: null,
      unlabelled: 0,
    });
  });

  it('leaves fields without a label to the raw record, never showing their names', () => {
    const text = describeAuditSummary({ after: { status: 'active', someInternalFlag: true, cells: { seq: '1', oddKey: 'x' } } });
    expect(text.changes.map(auditChangeText)).toEqual(['状态：正常', '任务内容：序号：1']);
    expect(text.unlabelled).toBe(2);
  });

  it('shows every field either by a Chinese label or counts it as unlabelled (property)', () => {
    const value = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null));
    const fields = fc.dictionary(
      fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('status', 'name', 'risk_class', 'dueOn', 'kind', 'drawId')),
      value,
    );
    fc.assert(
      fc.property(fc.record({ before: fields, after: fields }, { requiredKeys: [] }), (summary) => {
        const text = describeAuditSummary(summary);
        const keys = new Set(
          [...Object.keys(summary.before ?? {}), ...Object.keys(summary.after ?? {})].filter((k) => !AUDIT_INTERNAL_ID_FIELDS.has(k)),
        );
        expect(text.changes.length + text.unlabelled).toBe(keys.size);
        for (const change of text.changes) {
          expect(change.label).toMatch(/[\u4e00-\u9fff]/);
          expect(keys.has(change.label)).toBe(false);
        }
      }),
    );
  });

  it('names an unknown action or object kind without its code', () => {
    expect(auditActionName('plan.publish')).toBe('发布计划');
    expect(auditActionName('something.new')).toBe('其他操作');
    expect(auditObjectTypeName('some_table')).toBe('其他对象');
    expect(auditActionName('constructor')).toBe('其他操作');
    expect(auditObjectTypeName('toString')).toBe('其他对象');
  });
});

describe('every audit action and object kind the server writes has a Chinese name', () => {
  const sourceFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return sourceFiles(full);
      return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
    });
  const src = path.resolve(import.meta.dirname, '../..');
  const text = ['server', 'demo', 'cli'].flatMap((d) => sourceFiles(path.join(src, d))).map((f) => fs.readFileSync(f, 'utf8'));
  // Actions written by the row import (`${table}.create` …) for the tables it imports.
  const rowImportActions = ['inspector', 'directory_object'].flatMap((t) => [`${t}.create`, `${t}.update`, `${t}.import`]);

  it('actions', () => {
    const prefixes = new Set(Object.keys(auditActionLabel).map((a) => a.split('.')[0]!));
    const literal = /'([a-z_]+\.[A-Za-z_.]+)'/g;
    const written = new Set<string>(rowImportActions);
    for (const source of text) {
      for (const match of source.matchAll(literal)) {
        const code = match[1]!;
        const line = source.slice(source.lastIndexOf('\n', match.index) + 1, source.indexOf('\n', match.index));
        if (prefixes.has(code.split('.')[0]!) && /action|auditDraw|auditResult|audit\(|\?/.test(line) && !/import|from '/.test(line))
          written.add(code);
      }
    }
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((a) => !(a in auditActionLabel))).toEqual([]);
  });

  it('object kinds', () => {
    const written = new Set<string>(['inspector_import', 'directory_object_import']);
    for (const source of text) for (const m of source.matchAll(/objectType: '([a-z_]+)'/g)) written.add(m[1]!);
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((t) => t !== 'test' && !(t in auditObjectTypeLabel))).toEqual([]);
  });
});
