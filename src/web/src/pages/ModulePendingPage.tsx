// Modules whose capability is not built yet: an honest empty state, no fake data.
import type { ModuleKey } from '../../../core/access/policy.ts';
import { modules } from '../../../core/access/policy.ts';
import { PendingModule } from '../components/PendingModule.tsx';

export type PendingModuleKey = Exclude<ModuleKey, 'directories' | 'admin'>;

const purpose: Record<PendingModuleKey, string> = {
  plans: '这里将编制、公示和备案年度抽查计划，并记录年中调整。',
  tasks: '这里将创建抽查任务、锁定抽查对象范围、摇号抽取检查对象并随机匹配执法检查人员。',
  results: '这里将由执法检查人员录入检查结果，并按期向社会公示。',
  followup: '这里将跟踪检查发现问题的后续处置：整改期限、案件线索移送和处置反馈。',
  stats: '这里将展示抽查覆盖率、结果公示率、按时公示率、风险分类应用率等考核指标。',
};

export default function ModulePendingPage({ module }: { module: PendingModuleKey }) {
  return <PendingModule title={modules[module]} description={purpose[module]} testId={`page-${module}`} />;
}
