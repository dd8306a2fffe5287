import { Empty, Typography } from 'antd';

/** Honest empty state until the 事项清单 module exists. */
export function CheckItemsTab() {
  return (
    <Empty
      data-testid="check-items-empty"
      description={
        <>
          <Typography.Text strong>尚未导入抽查事项清单</Typography.Text>
          <br />
          <Typography.Text type="secondary">
            随机抽查事项清单（检查事项、检查依据、检查对象、检查方式、责任部门）的导入、版本管理与认领将随「事项清单」模块提供。
          </Typography.Text>
        </>
      }
    />
  );
}
