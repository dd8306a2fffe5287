// Invented Chinese personal names for demo rows (法定代表人, inspectors). Surnames are
// weighted toward those common in 晋城/忻州; given names are ordinary, so any match with a
// real person is a coincidence.
import type { Random } from './random.ts';

// prettier-ignore
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 10], ['李', 9], ['张', 8], ['赵', 5], ['郭', 5], ['刘', 5], ['陈', 4], ['杨', 4], ['牛', 3], ['申', 3],
  ['秦', 3], ['毕', 2], ['常', 2], ['焦', 2], ['贾', 2], ['崔', 2], ['冯', 2], ['段', 2], ['郝', 2], ['武', 2],
  ['原', 1], ['靳', 1], ['卫', 1], ['侯', 2], ['程', 2], ['宋', 2], ['范', 1], ['任', 2], ['马', 2], ['孙', 2],
  ['吴', 1], ['周', 2], ['许', 1], ['韩', 2], ['苏', 1], ['田', 2], ['霍', 1], ['史', 1], ['姬', 1], ['庞', 1],
  ['路', 1], ['裴', 1], ['薛', 1], ['闫', 2], ['梁', 1], ['高', 2], ['曹', 1], ['邢', 1], ['温', 1], ['葛', 1],
];

const MALE = [...'军伟强勇杰涛斌磊鹏浩刚峰建国志明海文俊晓宏卫东平林波辉永飞亮鑫宇博晨凯瑞兵民华忠'];
const FEMALE = [...'丽芳英红燕霞娟敏静玲婷洁琴梅兰萍艳慧雪晓瑶佳欣璐颖倩莉彤蕾悦琳秀凤春云雅娜薇宁月'];

export type Gender = '男' | '女';

export function personName(random: Random, gender: Gender = random.chance(0.55) ? '男' : '女'): string {
  const surname = random.weighted(SURNAMES);
  const pool = gender === '男' ? MALE : FEMALE;
  const first = random.pick(pool);
  if (random.chance(0.2)) return surname + first;
  let second = random.pick(pool);
  while (second === first) second = random.pick(pool);
  return surname + first + second;
}
