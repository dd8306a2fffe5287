// /console/draws/:id/record — 摇号记录: the paper record of a draw for the operator, the witness
// and the supervisor to sign — the commitment published before the draw, N and n per class, the
// public source and the values entered, the seed, the businesses drawn with their tickets and
// the reserves, and how anyone re-runs the draw on the portal's 抽取验证 page.
import { useParams } from 'react-router';
import { standalonePage } from '../../layout/StandalonePage.tsx';
import { formatDateTime } from '../../labels.ts';
import { useEndpoint } from '../../useApiData.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import { declaredSourceText, plannedRows, sourceKindLabel, statusLabel, stratumName, type DrawDetail } from '../draws/drawFormat.tsx';
import { PrintFrame, Signatures } from './PrintFrame.tsx';

export default standalonePage('tasks', DrawRecord);

function DrawRecord() {
  const { id = '' } = useParams();
  const draw = useEndpoint('GET /api/draws/:id', { params: { id } });
  if (draw.error) return <ApiErrorAlert error={draw.error} />;
  if (!draw.data) return null;
  return (
    <PrintFrame title="摇号记录" back={`/console/draws/${id}`}>
      <DrawRecordSheet draw={draw.data} />
    </PrintFrame>
  );
}

function DrawRecordSheet({ draw }: { draw: DrawDetail }) {
  const nameOf = (objectId: string) => draw.names[objectId] ?? '';
  const result = draw.result;
  return (
    <>
      <h1>双随机抽查摇号记录</h1>
      <div className="doc-number">抽取编号：{draw.drawCode}</div>
      <table>
        <tbody>
          <tr>
            <th>抽取单位</th>
            <td>{draw.unitName}</td>
          </tr>
          <tr>
            <th>任务编号 / 批次</th>
            <td>
              {draw.taskCode} / 第 {draw.batch} 批（第 {draw.attempt} 次抽取）
            </td>
          </tr>
          <tr>
            <th>状态</th>
            <td>{statusLabel[draw.status]}</td>
          </tr>
          <tr>
            <th>承诺值（摇号前已公示）</th>
            <td className="doc-mono">{draw.commit}</td>
          </tr>
          <tr>
            <th>承诺时间</th>
            <td>{formatDateTime(draw.committedAt)}</td>
          </tr>
          <tr>
            <th>各风险等级可抽取户数 N / 抽取户数 n</th>
            <td>
              {plannedRows(draw.planned.map((g) => g.classes))
                .map((r) => `${stratumName(r.stratum)} ${r.N.toLocaleString()} / ${r.n.toLocaleString()}`)
                .join('；')}
              ；排除 {draw.excludedCount.toLocaleString()} 户
            </td>
          </tr>
          <tr>
            <th>公开随机来源</th>
            <td>{declaredSourceText(draw.publicSource)}</td>
          </tr>
          {(draw.sources ?? []).map((s) => (
            <tr key={`${s.kind}-${s.name}`}>
              <th>录入值：{sourceKindLabel[s.kind] ?? s.kind}</th>
              <td className="doc-mono">{s.value}</td>
            </tr>
          ))}
          <tr>
            <th>种子</th>
            <td className="doc-mono">{draw.seed ?? '尚未摇号'}</td>
          </tr>
          <tr>
            <th>摇号时间 / 操作人 / 见证人</th>
            <td>
              {draw.drawnAt ? formatDateTime(draw.drawnAt) : '—'} / {draw.drawnByName ?? '—'} / {draw.witnessName ?? '—'}
            </td>
          </tr>
          {draw.commitReason && (
            <tr>
              <th>补充说明</th>
              <td>{draw.commitReason}</td>
            </tr>
          )}
        </tbody>
      </table>
      {result && (
        <>
          <h3>抽中名单（共 {result.sample.length} 户）</h3>
          <table>
            <thead>
              <tr>
                <th style={{ width: '8%' }}>序号</th>
                <th style={{ width: '12%' }}>风险等级</th>
                <th style={{ width: '24%' }}>统一社会信用代码 / 编号</th>
                <th>名称</th>
                <th style={{ width: '22%' }}>票号</th>
              </tr>
            </thead>
            <tbody>
              {result.sample.map((s, i) => (
                <tr key={`${s.group}-${s.id}`}>
                  <td>{i + 1}</td>
                  <td>{stratumName(s.class)}</td>
                  <td className="doc-mono">{s.id}</td>
                  <td>{nameOf(s.id)}</td>
                  <td className="doc-mono">{s.ticket.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.reserves.length > 0 && (
            <>
              <h3>备选名单（共 {result.reserves.length} 户，按顺序递补）</h3>
              <table>
                <tbody>
                  {result.reserves.map((r) => (
                    <tr key={`${r.group}-${r.id}`}>
                      <td style={{ width: '12%' }}>{stratumName(r.class)}</td>
                      <td style={{ width: '10%' }}>第 {r.rank} 位</td>
                      <td className="doc-mono" style={{ width: '24%' }}>
                        {r.id}
                      </td>
                      <td>{nameOf(r.id)}</td>
                      <td style={{ width: '18%' }}>{r.used ? `已递补：${r.reason ?? ''}` : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </>
      )}
      <div className="doc-note">
        本次抽取按《双随机抽取规范》（ssj-draw/1）进行：承诺值在摇号前公示，种子由公开随机来源与平台随机数共同决定，任何人可在公示门户“抽取验证”页面录入抽取包，重新计算并核对以上结果。
      </div>
      <Signatures who={['操作人', '见证人', '监督人']} />
      <div style={{ textAlign: 'right', marginTop: '8mm' }}>日期：　　　　年　　月　　日</div>
    </>
  );
}
