// /console/stats/annual?unit=&year= — 年度工作总结（数据）: a unit's year on one A4 sheet, the key
// figures in sentences and in a table, then every indicator against its target — the numbers of
// the 统计分析 cards, ready to paste into the year's report or to print.
import { useSearchParams } from 'react-router';
import { standalonePage } from '../../layout/StandalonePage.tsx';
import { useSession } from '../../session.tsx';
import { useEndpoint } from '../../useApiData.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { lightText, percent } from '../stats/statsFormat.ts';
import { PrintFrame } from './PrintFrame.tsx';

export default standalonePage('stats', AnnualSummary);

function AnnualSummary() {
  const { me } = useSession();
  const [params] = useSearchParams();
  const unitCode = params.get('unit') ?? me.active.unitCode;
  const year = Number(params.get('year') ?? '') || new Date().getFullYear() - 1;
  const summary = useEndpoint('GET /api/indicators/annual-summary', { query: { unitCode, year } });
  if (summary.error) return <ApiErrorAlert error={summary.error} />;
  if (!summary.data) return null;
  const s = summary.data;
  return (
    <PrintFrame title="年度工作总结" back={`/console/stats?unit=${encodeURIComponent(unitCode)}&year=${year}`}>
      <h1>{s.title}</h1>
      <div className="doc-number">数据截至 {s.today}</div>
      {s.paragraphs.map((p) => (
        <p key={p}>{p}</p>
      ))}
      <table data-testid="annual-facts">
        <tbody>
          {s.facts.map((f) => (
            <tr key={f.label}>
              <th>{f.label}</th>
              <td>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table data-testid="annual-indicators" className="doc-grid">
        <thead>
          <tr>
            <th>考核指标</th>
            <th>分子 / 分母</th>
            <th>数值</th>
            <th>目标</th>
            <th>结果</th>
          </tr>
        </thead>
        <tbody>
          {s.indicators.map((f) => (
            <tr key={f.key}>
              <td>{f.name}</td>
              <td>
                {f.numerator} / {f.denominator}
              </td>
              <td>{percent(f.value)}</td>
              <td>{percent(f.target)}</td>
              <td>{f.target === null ? '不设目标' : lightText[f.light]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="doc-note">
        说明：各项数据按本单位及下级单位的检查结果、抽取、计划任务等记录计算，与统计分析页面和统计报表一致；计算方法见统计分析页面的“指标定义”。
      </div>
    </PrintFrame>
  );
}
