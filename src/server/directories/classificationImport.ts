// 专业领域 risk classifications (食品生产经营风险分级, 特种设备风险分级 …) imported from .xlsx/.csv:
// all-or-nothing, like every directory import. Each row names a business of the importing unit's
// directory (its unit or a unit below), a classification, the class, the day it was rated and
// the source; a row for a business and classification it already has replaces its class. The
// general 信用风险分类 is not imported here (it has its own 风险分类推送 import).
import { sql } from 'kysely';
import {
  domainRiskClassificationOf,
  domainRiskClassifications,
  riskClassificationLabel,
  type DomainRiskClassification,
} from '../../core/entities/riskClassifications.ts';
import { validateUscc } from '../../core/uscc/index.ts';
import { recordAudit } from '../audit/recordAudit.ts';
import { todayInChina } from '../clock.ts';
import type { ColumnSpec } from '../files/spreadsheet.ts';
import { checkImportRows, readImportRows, refuseRowErrors, rowErrors, type RowImport, type RowImportResult } from '../files/rowImport.ts';
import { parseDate, parseRiskClass } from '../imports/entityRows.ts';
import { loadImportUnits } from '../orgs/importUnits.ts';

export const classificationImportColumns = {
  uscc: { label: '统一社会信用代码', aliases: ['信用代码', '主体代码'], required: true },
  name: { label: '主体名称', aliases: ['名称', '企业名称'], required: false },
  classification: { label: '分级类别', aliases: ['专业领域分级', '分级分类', '分类体系', '风险分级类别'], required: true },
  riskClass: { label: '风险等级', aliases: ['风险分级', '分级结果', '风险分类'], required: true },
  ratedOn: { label: '评定日期', aliases: ['分级日期', '分类日期'], required: false },
  source: { label: '来源', aliases: ['数据来源', '评定单位'], required: false },
} satisfies Record<string, ColumnSpec>;

interface ParsedRow {
  row: number;
  uscc: string;
  classification: DomainRiskClassification;
  riskClass: 'A' | 'B' | 'C' | 'D';
  ratedOn: string;
  source: string;
}

const namesOfClassifications = domainRiskClassifications.map((c) => riskClassificationLabel[c]).join('、');

export const importRiskClassifications: RowImport = async (db, filePath, fileName, actor, options) => {
  const rows = readImportRows(
    filePath,
    fileName,
    classificationImportColumns,
    {
      rows: '风险分级数据',
      required: '统一社会信用代码、分级类别、风险等级',
      template: `分级类别为 ${namesOfClassifications} 之一`,
    },
    options.bytes,
  );
  const { units } = await loadImportUnits(db, actor.unitCode);
  const today = todayInChina();
  const { errors, fail } = rowErrors();
  const { onProgress } = options;
  const { parsed, dataRows } = await checkImportRows(
    rows,
    errors,
    ({ rowNumber, cell }): ParsedRow | undefined => {
      const col = classificationImportColumns;
      const uscc = cell('uscc').replace(/\s/g, '').toUpperCase();
      if (uscc.length !== 18) {
        const check = validateUscc(uscc);
        fail(rowNumber, col.uscc.label, cell('uscc'), check.ok ? '统一社会信用代码应为 18 位' : check.message);
      }
      const classificationText = cell('classification').trim();
      const classification = domainRiskClassificationOf(classificationText);
      if (!classification) {
        fail(
          rowNumber,
          col.classification.label,
          classificationText,
          classificationText === '' || classificationText.includes('信用风险分类')
            ? `请填写专业领域分级类别（${namesOfClassifications} 之一）；通用的信用风险分类请用“导入风险分类推送”`
            : `无法识别的分级类别；应为 ${namesOfClassifications} 之一`,
        );
      }
      const riskText = cell('riskClass');
      const riskClass = parseRiskClass(riskText);
      if (!riskClass) fail(rowNumber, col.riskClass.label, riskText, '风险等级应为 A、B、C、D（低风险、一般风险、较高风险、高风险）之一');
      const ratedText = cell('ratedOn').trim();
      const ratedOn = ratedText ? parseDate(ratedText) : today;
      if (!ratedOn) fail(rowNumber, col.ratedOn.label, ratedText, '评定日期不是有效日期；请写成 2026-10-01，或留空（按导入当日）');
      else if (ratedOn > today) fail(rowNumber, col.ratedOn.label, ratedText, `评定日期晚于今天（${today}）；请核对`);
      const source = cell('source').trim() || `导入 ${fileName}`.slice(0, 100);
      if (source.length > 100) fail(rowNumber, col.source.label, source.slice(0, 20), '来源最多 100 个字');
      if (!classification || !riskClass || !ratedOn) return undefined;
      return { row: rowNumber, uscc, classification, riskClass, ratedOn, source };
    },
    onProgress,
  );
  const seen = new Map<string, number>();
  for (const r of parsed) {
    const key = `${r.uscc}:${r.classification}`;
    const first = seen.get(key);
    if (first === undefined) seen.set(key, r.row);
    else
      fail(
        r.row,
        classificationImportColumns.classification.label,
        riskClassificationLabel[r.classification],
        `与第 ${first} 行是同一主体的同一分级类别，只能出现一次`,
      );
  }
  // The businesses must be in the importing unit's directory (its unit and the units below).
  await onProgress?.({ phase: '核对名录库', done: dataRows });
  const usccs = [...new Set(parsed.map((r) => r.uscc))];
  const entities = new Map<string, string>();
  for (let i = 0; i < usccs.length; i += 1000) {
    const found = await db
      .selectFrom('market_entity')
      .select(['uscc', 'region_code'])
      .where('uscc', 'in', usccs.slice(i, i + 1000))
      .where(
        'unit_code',
        'in',
        units.map((u) => u.code),
      )
      .execute();
    for (const e of found) entities.set(e.uscc, e.region_code);
  }
  for (const r of parsed) {
    if (!entities.has(r.uscc)) {
      fail(
        r.row,
        classificationImportColumns.uscc.label,
        r.uscc,
        '本单位及下级单位的市场主体名录库中没有该主体；请先导入市场主体名录或核对代码',
      );
    }
  }
  if (errors.length > 0) throw refuseRowErrors(errors, dataRows);

  await onProgress?.({ phase: options.dryRun ? '计算变更' : '写入分级', done: dataRows });
  return db.transaction().execute(async (trx) => {
    const current = new Map<string, { risk_class: string; rated_on: string; source: string }>();
    // Locked per region (the distribution column), so each read stays on one shard.
    const byRegion = new Map<string, string[]>();
    for (const uscc of usccs) byRegion.set(entities.get(uscc)!, [...(byRegion.get(entities.get(uscc)!) ?? []), uscc]);
    for (const [region, inRegion] of [...byRegion].sort(([a], [b]) => a.localeCompare(b))) {
      for (let i = 0; i < inRegion.length; i += 1000) {
        const rows = await trx
          .selectFrom('entity_risk_classification')
          .select(['uscc', 'classification', 'risk_class', 'rated_on', 'source'])
          .where('region_code', '=', region)
          .where('uscc', 'in', inRegion.slice(i, i + 1000))
          .forUpdate()
          .execute();
        for (const r of rows) current.set(`${r.uscc}:${r.classification}`, r);
      }
    }
    const result: RowImportResult = { dryRun: options.dryRun, total: parsed.length, created: 0, updated: 0, unchanged: 0 };
    const changed: ParsedRow[] = [];
    for (const r of parsed) {
      const had = current.get(`${r.uscc}:${r.classification}`);
      if (!had) result.created++;
      else if (had.risk_class === r.riskClass && had.rated_on === r.ratedOn && had.source === r.source) {
        result.unchanged++;
        continue;
      } else result.updated++;
      changed.push(r);
    }
    if (options.dryRun || changed.length === 0) return result;
    // The time is a value, not now(): a distributed engine refuses a volatile function in an upsert.
    const at = new Date();
    for (let i = 0; i < changed.length; i += 1000) {
      await trx
        .insertInto('entity_risk_classification')
        .values(
          changed.slice(i, i + 1000).map((r) => ({
            region_code: entities.get(r.uscc)!,
            uscc: r.uscc,
            classification: r.classification,
            risk_class: r.riskClass,
            rated_on: r.ratedOn,
            source: r.source,
            updated_at: at,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['region_code', 'uscc', 'classification']).doUpdateSet({
            risk_class: sql`excluded.risk_class`,
            rated_on: sql`excluded.rated_on`,
            source: sql`excluded.source`,
            updated_at: sql`excluded.updated_at`,
          }),
        )
        .execute();
    }
    await recordAudit(trx, {
      unitCode: actor.unitCode,
      actorUserId: actor.userId,
      actorName: actor.name,
      action: 'entity.risk_classification_import',
      objectType: 'entity_risk_classification_import',
      objectId: fileName,
      after: { total: result.total, created: result.created, updated: result.updated, unchanged: result.unchanged },
    });
    return result;
  });
};
