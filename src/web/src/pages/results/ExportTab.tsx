// 导出: published results in the exchange layout of the national enterprise credit
// publicity system (国家企业信用信息公示系统), with the 任务编号; .xlsx or .csv (UTF-8 with BOM).
import { Button, Flex, Typography } from 'antd';

export function ExportTab({ year }: { year: number }) {
  return (
    <Flex vertical gap={12} data-testid="results-export">
      <Typography.Paragraph>
        导出 {year}{' '}
        年度本单位及下级单位已公示（未停止公示）的检查结果，列为：统一社会信用代码、企业名称、任务编号、抽查任务名称、检查机关、检查日期、检查结果、公示日期。
        发现问题的具体内容、检查人员和附件属于内部信息，不在导出文件中。
      </Typography.Paragraph>
      <Flex gap={12} wrap>
        <Button type="primary" href={`/api/results/export?year=${year}&format=xlsx`} download data-testid="export-xlsx">
          导出 Excel（.xlsx）
        </Button>
        <Button href={`/api/results/export?year=${year}&format=csv`} download data-testid="export-csv">
          导出 CSV（.csv）
        </Button>
      </Flex>
    </Flex>
  );
}
