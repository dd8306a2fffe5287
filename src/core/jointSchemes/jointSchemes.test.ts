import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreedItemsOf, checkJointScheme, departmentsNotAgreed, schemeCommitRefusal } from './index.ts';

const zj = { code: '140981-zj', name: '原平市住房和城乡建设管理局' };
const jt = { code: '140981-jt', name: '原平市交通运输局' };
const part = (unitCode: string) => ({ unitCode, items: ['建筑市场行为检查'], contactName: '邢玉兰', contactPhone: '0350-3022110' });
const period = { start: '2025-03-01', end: '2025-10-31' };

describe('checkJointScheme', () => {
  it('accepts one complete part per named department inside the period', () => {
    expect(
      checkJointScheme(
        { startOn: '2025-05-01', endOn: '2025-05-31', parts: [part(zj.code), part(jt.code)] },
        { departments: [zj, jt], period },
      ),
    ).toEqual([]);
  });

  it('names each problem by label and department', () => {
    const problems = checkJointScheme(
      {
        startOn: '2025-11-02',
        endOn: '2025-11-01',
        parts: [{ ...part(zj.code), items: [' '], contactName: '', contactPhone: 'abc' }, part('999')],
      },
      { departments: [zj, jt], period },
    );
    expect(problems).toEqual([
      '检查结束日期 2025-11-01 早于检查开始日期 2025-11-02：请改为不早于开始日期的日期。',
      '检查起止日期须在任务的抽查时段 2025-03-01 至 2025-10-31 之内。',
      '原平市住房和城乡建设管理局的检查事项为空：请至少填写一项。',
      '原平市住房和城乡建设管理局的联系人为空：请填写联系人姓名。',
      '原平市住房和城乡建设管理局的联系电话“abc”格式不对：请填写 6 至 20 位数字（可含“-”）。',
      '方案中有不属于本任务配合部门的单位（999）：只能为本任务的配合部门填写分工。',
      '缺少原平市交通运输局的分工：请填写其检查事项、联系人和电话。',
    ]);
  });

  it('refuses a department written twice', () => {
    expect(
      checkJointScheme(
        { startOn: '2025-05-01', endOn: '2025-05-01', parts: [part(zj.code), part(zj.code)] },
        { departments: [zj], period: null },
      ),
    ).toEqual(['原平市住房和城乡建设管理局的分工填写了两次：每个部门只填一份。']);
  });
});

describe('agreements', () => {
  it('only agreements to the current version count, and the commit refusal names the rest', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.subarray([zj, jt]), fc.subarray([zj, jt]), (version, current, old) => {
        const agreements = [
          ...current.map((d) => ({ unitCode: d.code, version, byName: '甲', at: '2025-05-01T00:00:00Z' })),
          ...old.map((d) => ({ unitCode: d.code, version: version - 1, byName: '乙', at: '2025-04-01T00:00:00Z' })),
        ];
        const pending = departmentsNotAgreed([zj, jt], agreements, version);
        expect(pending).toEqual([zj, jt].filter((d) => !current.includes(d)));
        const refusal = schemeCommitRefusal([zj, jt], { version, agreements });
        if (pending.length === 0) expect(refusal).toBeNull();
        else expect(refusal).toBe(`检查方案尚未经以下部门确认：${pending.map((d) => d.name).join('、')}。请待其确认当前方案后再抽取。`);
      }),
    );
  });

  it('a task naming no department needs no scheme; a joint task without one is refused', () => {
    expect(schemeCommitRefusal([], null)).toBeNull();
    expect(schemeCommitRefusal([zj], null)).toContain('尚未制定检查方案');
  });
});

describe('agreedItemsOf', () => {
  const agreement = (unitCode: string, version: number) => ({ unitCode, version, byName: '贾文斌', at: '2025-04-01T02:00:00.000Z' });
  const scheme = (version: number, agreements: ReturnType<typeof agreement>[]) => ({
    version,
    parts: [part(zj.code), { ...part(jt.code), items: ['道路运输经营检查', '车辆技术档案检查'] }],
    agreements,
  });

  it('gives a department its part’s items once it agreed to the current version', () => {
    expect(agreedItemsOf(scheme(2, [agreement(jt.code, 2)]), jt.code)).toEqual(['道路运输经营检查', '车辆技术档案检查']);
  });

  it('gives nothing without a scheme, a part, or an agreement to the current version', () => {
    expect(agreedItemsOf(null, jt.code)).toBeNull();
    expect(agreedItemsOf(scheme(2, [agreement(jt.code, 1)]), jt.code)).toBeNull();
    expect(agreedItemsOf(scheme(2, [agreement(zj.code, 2)]), jt.code)).toBeNull();
    expect(agreedItemsOf(scheme(1, [agreement('140981', 1)]), '140981')).toBeNull();
  });
});
