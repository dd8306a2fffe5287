// Demo 回避 declarations (seed 001 一): some 高平 inspectors declare ties to 高平 entities —
// a former employer, a relative's business, a specific entity — and a few declare their own
// 网格 (the 所 they grew up in). Deterministic: same rows on every run (src/demo/random.ts).
import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { createRandom, DEMO_SEED } from './random.ts';

const COUNTY = '140581';
const RECORDED_BY = '高平市市场监督管理局信用监管股';

const REASONS = {
  entity: ['曾为该企业提供过咨询服务', '与该企业负责人系同学关系', '曾参与该企业的行政处罚案件办理'],
  former_employer: ['调入前在该企业工作', '曾在该单位任职五年'],
  relative_business: ['配偶经营该企业', '父亲为该企业法定代表人', '兄弟在该企业担任股东'],
  own_grid: ['本人户籍所在地辖区', '本人包片网格'],
} as const;

/** Writes the declarations; returns how many. Needs the demo inspectors and entities. */
export async function loadDemoRecusals(trx: Transaction<DB>): Promise<number> {
  const random = createRandom(DEMO_SEED).fork('recusals:140581');
  const inspectors = await trx
    .selectFrom('inspector')
    .select(['unit_code', 'id', 'name'])
    .where((eb) => eb.or([eb('unit_code', '=', COUNTY), eb('unit_code', 'like', `${COUNTY}-%`)]))
    .where('status', '=', '在岗')
    .orderBy('unit_code')
    .orderBy('id')
    .execute();
  const entities = await trx
    .selectFrom('market_entity')
    .select(['uscc', 'name'])
    .where('region_code', '=', COUNTY)
    .orderBy('uscc')
    .limit(2000)
    .execute();
  const stations = await trx
    .selectFrom('org_unit')
    .select('code')
    .where('parent_code', '=', COUNTY)
    .where('kind', '=', 'station')
    .orderBy('code')
    .execute();
  if (inspectors.length === 0 || entities.length === 0) return 0;

  const declarants = random.sample(inspectors, Math.min(24, Math.ceil(inspectors.length / 8)));
  const rows = declarants.flatMap((person) => {
    const kinds = random.sample(['entity', 'former_employer', 'relative_business', 'own_grid'] as const, random.int(1, 2));
    return kinds.map((kind) => {
      const declaredOn = random.date('2024-01-01', '2026-10-31');
      const ended = random.chance(0.15);
      const base = {
        unit_code: person.unit_code,
        inspector_id: person.id,
        kind,
        reason: random.pick(REASONS[kind]),
        declared_on: declaredOn,
        valid_until: kind === 'entity' && random.chance(0.5) ? random.date('2027-01-01', '2029-12-31') : null,
        recorded_by_user_id: null,
        recorded_by_name: RECORDED_BY,
        ended_on: ended ? random.date(declaredOn, '2026-11-15') : null,
        end_reason: ended ? '关联关系已解除' : null,
        ended_by_name: ended ? RECORDED_BY : null,
      };
      if (kind === 'own_grid') {
        return { ...base, uscc: null, related_name: null, related_region_code: null, related_unit_code: random.pick(stations).code };
      }
      const entity = random.pick(entities);
      return { ...base, uscc: entity.uscc, related_name: entity.name, related_region_code: null, related_unit_code: null };
    });
  });
  if (rows.length > 0) await trx.insertInto('inspector_recusal').values(rows).execute();
  return rows.length;
}
