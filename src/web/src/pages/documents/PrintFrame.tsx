// A printable document (摇号记录, 现场检查记录表, 检查结果告知书, 责令改正通知书, 年度工作总结): an A4 sheet on
// screen with a toolbar to print or go back; when printing, only the sheet is printed, in black
// on white, with the signature lines the paper form needs.
import { Button, Space } from 'antd';
import { PrinterOutlined, ArrowLeftOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

const css = `
.doc-screen { background: #f0f2f5; min-height: 100vh; padding: 24px 0; }
.doc-toolbar { width: 210mm; margin: 0 auto 12px; }
.doc-sheet { width: 210mm; min-height: 297mm; margin: 0 auto; background: #fff; color: #000; padding: 18mm 16mm;
  box-shadow: 0 1px 6px rgba(0,0,0,.15); font-family: "SimSun", "Songti SC", serif; font-size: 11pt; line-height: 1.7; }
.doc-sheet h1 { text-align: center; font-size: 18pt; margin: 0 0 4mm; font-family: "SimHei", "Heiti SC", sans-serif; }
.doc-sheet .doc-number { text-align: center; margin-bottom: 6mm; }
.doc-sheet table { width: 100%; border-collapse: collapse; margin: 3mm 0; }
.doc-sheet th, .doc-sheet td { border: 1px solid #000; padding: 1.5mm 2mm; vertical-align: top; text-align: left; font-weight: normal; }
.doc-sheet th { width: 28%; background: #fafafa; }
.doc-sheet table.doc-grid th { width: auto; }
.doc-sheet tr { break-inside: avoid; }
.doc-sheet .doc-mono { font-family: "Courier New", monospace; word-break: break-all; font-size: 9.5pt; }
.doc-sheet .doc-signatures { display: flex; justify-content: space-between; gap: 8mm; margin-top: 14mm; }
.doc-sheet .doc-signatures div { flex: 1; border-bottom: 1px solid #000; padding-bottom: 10mm; }
.doc-sheet .doc-note { font-size: 9.5pt; margin-top: 6mm; }
.doc-sheet p { margin: 2mm 0; text-indent: 2em; }
@media print {
  @page { size: A4; margin: 0; }
  .doc-screen { background: #fff; padding: 0; }
  .doc-toolbar { display: none; }
  .doc-sheet { box-shadow: none; margin: 0; }
}
`;

export function PrintFrame({ title, back, children }: { title: string; back: string; children: ReactNode }) {
  return (
    <div className="doc-screen">
      <style>{css}</style>
      <Space className="doc-toolbar">
        <Link to={back}>
          <Button icon={<ArrowLeftOutlined />}>返回</Button>
        </Link>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="doc-print">
          打印《{title}》
        </Button>
      </Space>
      <div className="doc-sheet" data-testid="doc-sheet">
        {children}
      </div>
    </div>
  );
}

/** Signature lines at the foot of a form. */
export function Signatures({ who }: { who: string[] }) {
  return (
    <div className="doc-signatures">
      {who.map((w) => (
        <div key={w}>{w}（签字）：</div>
      ))}
    </div>
  );
}
