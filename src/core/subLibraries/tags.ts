// Tags the console suggests when writing a rule or marking an entity (许可/资质 tags
// and 个性化标注). Suggestions only: any tag the directory carries may be used.

/** 许可/资质 and trade tags carried by entries of the directory. */
export const LICENCE_TAGS = [
  '食品生产许可',
  '食品经营许可',
  '食品小经营店',
  '餐饮服务',
  '工业产品生产许可证',
  '特种设备使用单位',
  '计量器具使用',
  '加油站',
  '眼镜制配',
  '集贸市场',
  '药品经营',
  '医疗器械经营',
  '电子商务经营者',
  '广告经营者',
  '商标代理机构',
  '自愿性认证',
  '有机产品认证',
] as const;

/** 个性化标注: risk-warning marks a 信用监管 unit sets by hand (seed 000 一). */
export const RISK_WARNING_TAGS = ['年报全0申报', '一址多照', '关联企业'] as const;

export const SUGGESTED_TAGS: readonly string[] = [...LICENCE_TAGS, ...RISK_WARNING_TAGS];
