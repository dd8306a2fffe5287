// GB 32100-2015 表2 登记管理部门代码 and 表3 机构类别代码: positions 1 and 2 of a
// 统一社会信用代码 must be a pair from this table. Not read from the standard's text
// itself: transcribed from several independent public copies of the two tables, which
// agree with each other (including A 中央军委改革和编制办公室 and N 农业).

export interface RegistrationAuthority {
  name: string;
  /** 机构类别代码 → 名称 */
  entityTypes: Readonly<Record<string, string>>;
}

export const REGISTRATION_AUTHORITIES: Readonly<Record<string, RegistrationAuthority>> = {
  '1': {
    name: '机构编制',
    entityTypes: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', entityTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    entityTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', entityTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    name: '民政',
    entityTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    name: '旅游',
    entityTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', entityTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', entityTypes: { '1': '基层工会', '9': '其他' } },
  // 工商 is today's 市场监督管理 registration: the bulk of the inspection directory.
  '9': { name: '工商', entityTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', entityTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    entityTypes: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  // 表3: Y 其他 has no sub-division and always uses 1.
  Y: { name: '其他', entityTypes: { '1': '其他' } },
};
