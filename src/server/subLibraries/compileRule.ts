// 名录分库 → SQL. The compiled query must select exactly the entries the pure oracle
// matchesRule (src/core/subLibraries/rule.ts) accepts; subLibraries.db.test.ts checks that on
// random rules over the demo directory.
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { ruleObjectKind, type SubLibraryRule } from '../../core/subLibraries/rule.ts';
import type { UnitScope } from '../access/scope.ts';
import { loadSubLibraryInScope } from './policy.ts';

const textArray = (values: readonly string[]) => sql<string[]>`ARRAY[${sql.join(values.map((v) => sql.val(v)))}]::text[]`;

/** The codes of the named units and of every unit below them (a unit path equal to or extending theirs). */
function unitsAndBelow(db: Kysely<DB>, unitCodes: readonly string[]) {
  return db
    .selectFrom('org_unit as below')
    .innerJoin('org_unit as top', (join) =>
      join.on((j) =>
        j.or([j('below.path', '=', j.ref('top.path')), sql<SqlBool>`left(below.path, length(top.path) + 1) = top.path || '.'`]),
      ),
    )
    .where('top.code', 'in', [...unitCodes])
    .select('below.code');
}

/** The tag conditions of a rule on a table alias's `tags` column. */
function tagConditions(rule: SubLibraryRule, tags: RawBuilder<string[]>): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const { anyOf, allOf, noneOf } = rule.tags;
  if (anyOf.length > 0) conditions.push(sql<SqlBool>`${tags} && ${textArray(anyOf)}`);
  if (allOf.length > 0) conditions.push(sql<SqlBool>`${tags} @> ${textArray(allOf)}`);
  if (noneOf.length > 0) conditions.push(sql<SqlBool>`NOT (${tags} && ${textArray(noneOf)})`);
  return conditions;
}

/**
 * The 其他检查对象 (directory_object as o) of the rule's kind within the given units that satisfy
 * its conditions (标签, 所属区划, 管辖单位, 行业: the only ones an object rule may hold).
 */
export function compileObjectRule(db: Kysely<DB>, rule: SubLibraryRule, unitCodes: readonly string[]) {
  const kind = ruleObjectKind(rule);
  if (kind === 'entity') throw new Error('compileObjectRule needs a rule over 其他检查对象');
  return db
    .selectFrom('directory_object as o')
    .where('o.unit_code', 'in', unitCodes.length > 0 ? [...unitCodes] : [''])
    .where('o.object_kind', '=', kind)
    .where((eb) => {
      const conditions = tagConditions(rule, sql<string[]>`o.tags`);
      if (rule.regionCodes.length > 0) conditions.push(eb('o.region_code', 'in', rule.regionCodes));
      if (rule.unitCodes.length > 0) conditions.push(eb('o.unit_code', 'in', unitsAndBelow(db, rule.unitCodes)));
      if (rule.industryPrefixes.length > 0) {
        conditions.push(eb.or(rule.industryPrefixes.map((p) => sql<SqlBool>`left(o.industry_code, ${p.length}) = ${p}`)));
      }
      return eb.and(conditions);
    });
}

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
      // A rule over 其他检查对象 selects no market entity (compileObjectRule reads its objects).
      if (ruleObjectKind(rule) !== 'entity') return sql<SqlBool>`false`;
      const conditions = tagConditions(rule, sql<string[]>`e.tags`);
      if (rule.subjectTypes.length > 0) conditions.push(eb('e.subject_type', 'in', rule.subjectTypes));
      if (rule.regStatuses.length > 0) conditions.push(eb('e.reg_status', 'in', rule.regStatuses));
      if (rule.regionCodes.length > 0) conditions.push(eb('e.region_code', 'in', rule.regionCodes));
      if (rule.unitCodes.length > 0) conditions.push(eb('e.unit_code', 'in', unitsAndBelow(db, rule.unitCodes)));
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

/**
 * A sub-library the scope may use, or the out-of-reach 404 (policy.ts), for the capabilities
 * that read one in a unit's scope (a plan's 抽查对象, a draw's frame, the directory's filter).
 */
export const loadSubLibrary = loadSubLibraryInScope;

/**
 * A sub-library as a population: the query of its entries within the scope's units, e.g. for
 * a task's 抽查对象.
 */
export async function subLibraryFrame(db: Kysely<DB>, scope: UnitScope, id: string) {
  const subLibrary = await loadSubLibrary(db, scope, id);
  return { subLibrary, query: compileRule(db, subLibrary.rule, scope.unitCodes) };
}

/** Live count and per-risk-class counts of a rule within the scope (objects are all 未分类). */
export async function ruleCounts(db: Kysely<DB>, rule: SubLibraryRule, scope: UnitScope) {
  if (ruleObjectKind(rule) !== 'entity') {
    const { n } = await compileObjectRule(db, rule, scope.unitCodes)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return { count: Number(n), byRiskClass: { A: 0, B: 0, C: 0, D: 0, none: Number(n) } };
  }
  const rows = await compileRule(db, rule, scope.unitCodes)
    .select((eb) => [sql<string>`coalesce(e.risk_class, 'none')`.as('risk_class'), eb.fn.countAll<string>().as('n')])
    .groupBy(sql`coalesce(e.risk_class, 'none')`)
    .execute();
  const byRiskClass: Record<'A' | 'B' | 'C' | 'D' | 'none', number> = { A: 0, B: 0, C: 0, D: 0, none: 0 };
  for (const r of rows) byRiskClass[r.risk_class as keyof typeof byRiskClass] = Number(r.n);
  return { count: Object.values(byRiskClass).reduce((a, b) => a + b, 0), byRiskClass };
}
