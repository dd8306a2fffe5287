// 业务专长 of the 执法检查人员名录库 (seed 002: people are matched to a task by what they know).
// The console offers these to filter by; a person may carry any other specialty as well.

/** The 业务专长 the console suggests, one per 市场监管 line of work. */
export const SUGGESTED_SPECIALTIES = [
  '食品安全',
  '特种设备',
  '计量',
  '产品质量',
  '认证认可',
  '标准化',
  '广告',
  '价格',
  '知识产权',
  '网络交易',
  '登记注册',
  '信用监管',
  '药品医疗器械',
  '消费者权益保护',
] as const;
