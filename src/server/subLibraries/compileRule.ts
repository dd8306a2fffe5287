// 名录分库 → SQL. The compiled query must select exactly the entries the pure oracle
// matchesRule (src/core/subLibraries/rule.ts) accepts; compileRule.db.test.ts checks that on
// random rules over the demo directory.
import { sql, type Expression, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { normalizeRule, type SubLibraryRule, type SubLibraryRuleInput } from '../../core/subLibraries/rule.ts';
import type { UnitScope } from '../access/scope.ts';
import { AppError } from '../http/errors.ts';

const textArray = (values: readonly string[]) => sql<string[]>`ARRAY[${sql.join(values.map((v) => sql.val(v)))}]::text[]`;

/**
 * The directory entries (market_entity as e) within the given units that satisfy the rule.
 * Select the columns you need on the result (e.g. `.select(['e.uscc', 'e.name'])`).
 * A task's population later is `compileRule(db, rule, scope.unitCodes)`.
 */
export function compileRule(db: Kysely<DB>, rule: SubLibraryRule, unitCodes: readonly string[]) {
  return db
    .selectFrom('market_entity as e')
    .where('e.unit_code', 'in', unitCodes.length > 0 ? [...unitCodes] : [''])
    .where((eb) => {
      const conditions: Expression<SqlBool>[] = [];
      const { anyOf, allOf, noneOf } = rule.tags;
      if (anyOf.length > 0) conditions.push(sql<SqlBool>`e.tags && ${textArray(anyOf)}`);
      if (allOf.length > 0) conditions.push(sql<SqlBool>`e.tags @> ${textArray(allOf)}`);
      if (noneOf.length > 0) conditions.push(sql<SqlBool>`NOT (e.tags && ${textArray(noneOf)})`);
      if (rule.subjectTypes.length > 0) conditions.push(eb('e.subject_type', 'in', rule.subjectTypes));
      if (rule.regStatuses.length > 0) conditions.push(eb('e.reg_status', 'in', rule.regStatuses));
      if (rule.regionCodes.length > 0) conditions.push(eb('e.region_code', 'in', rule.regionCodes));
      if (rule.unitCodes.length > 0) {
        // "A unit and below": the entry's unit path equals the named unit's path or extends it.
        conditions.push(
          eb(
            'e.unit_code',
            'in',
            eb
              .selectFrom('org_unit as below')
              .innerJoin('org_unit as top', (join) =>
                join.on((j) =>
                  j.or([j('below.path', '=', j.ref('top.path')), sql<SqlBool>`left(below.path, length(top.path) + 1) = top.path || '.'`]),
                ),
              )
              .where('top.code', 'in', rule.unitCodes)
              .select('below.code'),
          ),
        );
      }
      if (rule.industryPrefixes.length > 0) {
        conditions.push(eb.or(rule.industryPrefixes.map((p) => sql<SqlBool>`left(e.industry_code, ${p.length}) = ${p}`)));
      }
      if (rule.riskClasses.length > 0) {
        const classes = rule.riskClasses.filter((c) => c !== 'none');
        const alternatives: Expression<SqlBool>[] = [];
        if (classes.length > 0) alternatives.push(eb('e.risk_class', 'in', classes));
        if (rule.riskClasses.includes('none')) alternatives.push(eb('e.risk_class', 'is', null));
        conditions.push(eb.or(alternatives));
      }
      if (rule.establishedFrom) conditions.push(eb('e.established_on', '>=', rule.establishedFrom));
      if (rule.establishedTo) conditions.push(eb('e.established_on', '<=', rule.establishedTo));
      return eb.and(conditions);
    });
}

/** Owners whose sub-libraries the scope may use: its own units and the units above it. */
export function visibleOwnerCodes(scope: UnitScope): string[] {
  return [...new Set([...scope.unitCodes, ...scope.path.split('.')])];
}

export interface StoredSubLibrary {
  id: string;
  unitCode: string;
  name: string;
  description: string;
  rule: SubLibraryRule;
}

/** A sub-library the scope may use, or NOT_FOUND (also when it belongs to another branch). */
export async function loadSubLibrary(db: Kysely<DB>, scope: UnitScope, id: string): Promise<StoredSubLibrary> {
  const row = await db
    .selectFrom('sub_library')
    .select(['id', 'unit_code', 'name', 'description', 'rule'])
    .where('id', '=', id)
    .where('unit_code', 'in', visibleOwnerCodes(scope))
    .executeTakeFirst();
  if (!row) {
    throw new AppError(
      'NOT_FOUND',
      `名录分库 ${id} 不存在，或不属于您当前所在单位（${scope.unitName}）及其上级单位。请在“名录分库”列表中重新选择。`,
      { id },
    );
  }
  return {
    id: row.id,
    unitCode: row.unit_code,
    name: row.name,
    description: row.description,
    rule: normalizeRule(row.rule as SubLibraryRuleInput),
  };
}

/**
 * A sub-library as a population: the query of its entries within the scope's units, e.g. for
 * a task's 抽查对象.
 */
export async function subLibraryFrame(db: Kysely<DB>, scope: UnitScope, id: string) {
  const subLibrary = await loadSubLibrary(db, scope, id);
  return { subLibrary, query: compileRule(db, subLibrary.rule, scope.unitCodes) };
}

/** Live count and per-risk-class counts of a rule within the scope. */
export async function ruleCounts(db: Kysely<DB>, rule: SubLibraryRule, scope: UnitScope) {
  const rows = await compileRule(db, rule, scope.unitCodes)
    .select((eb) => [sql<string>`coalesce(e.risk_class, 'none')`.as('risk_class'), eb.fn.countAll<string>().as('n')])
    .groupBy(sql`coalesce(e.risk_class, 'none')`)
    .execute();
  const byRiskClass: Record<'A' | 'B' | 'C' | 'D' | 'none', number> = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const r of rows) byRiskClass[r.risk_class as keyof typeof byRiskClass] = Number(r.n);
  return { count: Object.values(byRiskClass).reduce((a, b) => a + b, 0), byRiskClass };
}
