// /console/visits/:drawId/:uscc/print/:doc — the paper documents of one visit:
//   record  现场检查记录表: the business, the task, the people and, per 检查事项, its 抽查指引 and the
//           method, result and findings (filled from the entered result, else left blank to write on site);
//   notice  检查结果告知书 to the business: the items and results as entered, how it will be published
//           and how to object;
//   order   责令改正通知书: the problems ordered to be corrected, with the deadlines.
import { Alert } from 'antd';
import { useParams } from 'react-router';
import { standalonePage } from '../../layout/StandalonePage.tsx';
import { inspectionMethodLabel, resultCategoryLabel } from '../../../../core/glossary.ts';
import { useEndpoint } from '../../useApiData.ts';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.tsx';
import type { VisitDetail } from '../results/resultApi.ts';
import { PrintFrame, Signatures } from './PrintFrame.tsx';
import { visitCodeLabel, visitObjectName } from '../../labels.ts';

export const visitDocuments = {
  record: '现场检查记录表',
  notice: '检查结果告知书',
  order: '责令改正通知书',
} as const;
export type VisitDocument = keyof typeof visitDocuments;

export default standalonePage('results', VisitDocuments);

function VisitDocuments() {
  const { drawId = '', uscc = '', doc = '' } = useParams();
  const visit = useEndpoint('GET /api/visits/:drawId/:uscc', { params: { drawId, uscc } });
  const back = `/console/visits/${drawId}/${encodeURIComponent(uscc)}`;
  if (!(doc in visitDocuments))
    return <Alert type="error" showIcon title="没有这种文书：可打印现场检查记录表、检查结果告知书、责令改正通知书。" />;
  const kind = doc as VisitDocument;
  if (visit.error) return <ApiErrorAlert error={visit.error} />;
  if (!visit.data) return null;
  return (
    <PrintFrame title={visitDocuments[kind]} back={back}>
      {kind === 'record' && <RecordSheet visit={visit.data} />}
      {kind === 'notice' && <NoticeSheet visit={visit.data} />}
      {kind === 'order' && <OrderSheet visit={visit.data} />}
    </PrintFrame>
  );
}

type Entry = NonNullable<VisitDetail['result']>['content']['input']['items'][number];

/** The entered result of each 检查事项 of the visit, in the visit's order. */
function entriesOf(visit: VisitDetail): { item: string; entry: Entry | undefined }[] {
  const entries = visit.result?.content.input.items ?? [];
  return visit.items.map((item) => ({ item, entry: entries.find((e) => e.itemName === item) }));
}

const methodsText = (e: Entry | undefined) => (e ? e.result.methods.map((m) => inspectionMethodLabel[m]).join('、') : '');
const categoriesText = (e: Entry | undefined) => (e ? e.result.categories.map((c) => resultCategoryLabel[c]).join('；') : '');

function Heading({ visit, title }: { visit: VisitDetail; title: string }) {
  return (
    <>
      <h1>{title}</h1>
      <div className="doc-number">
        {visit.inspectingUnitName} · 任务编号 {visit.taskCode} · 抽取编号 {visit.drawCode}
      </div>
    </>
  );
}

function BusinessRows({ visit }: { visit: VisitDetail }) {
  return (
    <>
      <tr>
        <th>被检查对象</th>
        <td>{visitObjectName(visit)}</td>
      </tr>
      <tr>
        <th>{visitCodeLabel(visit)}</th>
        <td className="doc-mono">{visit.uscc}</td>
      </tr>
      <tr>
        <th>住所（经营场所）</th>
        <td>{visit.entity?.address ?? ''}</td>
      </tr>
      <tr>
        <th>法定代表人（负责人）</th>
        <td>{visit.entity?.legalRep ?? ''}</td>
      </tr>
    </>
  );
}

function RecordSheet({ visit }: { visit: VisitDetail }) {
  const checkedOn = visit.result?.checkedOn ?? null;
  return (
    <>
      <Heading visit={visit} title="现场检查记录表" />
      <table>
        <tbody>
          <BusinessRows visit={visit} />
          <tr>
            <th>抽查任务</th>
            <td>{visit.taskName}</td>
          </tr>
          <tr>
            <th>检查时间</th>
            <td>{checkedOn ?? '　　　　年　　月　　日　　时　　分'}</td>
          </tr>
          <tr>
            <th>检查人员及执法证号</th>
            <td>{visit.inspectors.map((p) => `${p.name}（${p.code}）`).join('、')}</td>
          </tr>
        </tbody>
      </table>
      <p>检查人员已出示执法证件，告知被检查对象检查的依据、内容和权利义务。</p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '18%' }}>检查事项</th>
            <th style={{ width: '30%' }}>抽查指引（检查内容与方法）</th>
            <th style={{ width: '14%' }}>检查方式</th>
            <th style={{ width: '18%' }}>检查结果</th>
            <th>发现的问题</th>
          </tr>
        </thead>
        <tbody>
          {entriesOf(visit).map(({ item, entry }) => (
            <tr key={item}>
              <td>{item}</td>
              <td style={{ fontSize: '9pt' }}>{visit.guides[item] ?? ''}</td>
              <td>{methodsText(entry)}</td>
              <td>{categoriesText(entry)}</td>
              <td style={{ height: entry ? undefined : '18mm' }}>{entry?.result.findings ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Signatures who={['检查人员', '检查人员', '被检查对象负责人']} />
      <div className="doc-note">被检查对象对记录有异议的，可在本表写明；拒绝签字的，由检查人员注明情况。</div>
    </>
  );
}

function NoticeSheet({ visit }: { visit: VisitDetail }) {
  const result = visit.result;
  if (!result) return <Alert type="info" showIcon title="本户尚未录入检查结果：录入并提交后才能出具检查结果告知书。" />;
  return (
    <>
      <Heading visit={visit} title="检查结果告知书" />
      <p style={{ textIndent: 0 }}>
        {visitObjectName(visit)}（{visitCodeLabel(visit)} {visit.uscc}）：
      </p>
      <p>
        根据“双随机、一公开”抽查任务 {visit.taskCode}（{visit.taskName}），本机关于 {result.checkedOn ?? '　　年　　月　　日'}{' '}
        对你单位进行了抽查检查。检查事项及结果如下：
      </p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '30%' }}>检查事项</th>
            <th style={{ width: '18%' }}>检查方式</th>
            <th>检查结果</th>
          </tr>
        </thead>
        <tbody>
          {entriesOf(visit).map(({ item, entry }) => (
            <tr key={item}>
              <td>{item}</td>
              <td>{methodsText(entry)}</td>
              <td>{categoriesText(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        检查结果将自作出之日起二十个工作日内通过国家企业信用信息公示系统向社会公示。对检查结果有异议的，可以自收到本告知书之日起向本机关书面提出，并提供相关证明材料。
      </p>
      <div style={{ textAlign: 'right', marginTop: '16mm' }}>
        <div>{visit.inspectingUnitName}（盖章）</div>
        <div>　　　　年　　月　　日</div>
      </div>
      <Signatures who={['被检查对象签收', '送达人']} />
    </>
  );
}

function OrderSheet({ visit }: { visit: VisitDetail }) {
  const ordered = entriesOf(visit).filter(({ entry }) => entry?.result.categories.includes('problemOrderedToCorrect'));
  if (ordered.length === 0)
    return (
      <Alert type="info" showIcon title="本户的检查结果中没有“发现问题，依法责令立即改正或者限期改正”的事项，无需出具责令改正通知书。" />
    );
  return (
    <>
      <Heading visit={visit} title="责令改正通知书" />
      <p style={{ textIndent: 0 }}>
        {visitObjectName(visit)}（{visitCodeLabel(visit)} {visit.uscc}）：
      </p>
      <p>本机关于 {visit.result?.checkedOn ?? '　　年　　月　　日'} 对你单位进行抽查检查，发现你单位存在下列问题：</p>
      <table>
        <thead>
          <tr>
            <th style={{ width: '26%' }}>检查事项</th>
            <th>发现的问题</th>
            <th style={{ width: '22%' }}>改正期限</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map(({ item, entry }) => (
            <tr key={item}>
              <td>{item}</td>
              <td>{entry?.result.findings ?? ''}</td>
              <td>{entry?.result.rectificationDeadline ? `${entry.result.rectificationDeadline} 前` : '立即改正'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>现责令你单位按上表期限改正，并将改正情况书面报告本机关。逾期不改正的，本机关将依法处理，并记入你单位的信用记录。</p>
      <div style={{ textAlign: 'right', marginTop: '16mm' }}>
        <div>{visit.inspectingUnitName}（盖章）</div>
        <div>　　　　年　　月　　日</div>
      </div>
      <Signatures who={['被检查对象签收', '送达人']} />
    </>
  );
}
