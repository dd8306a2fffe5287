import {
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DatabaseOutlined,
  FileDoneOutlined,
  ScheduleOutlined,
  SettingOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { ModuleKey } from '../../../core/access/policy.ts';

export const moduleIcons: Record<ModuleKey, ReactNode> = {
  directories: <DatabaseOutlined />,
  plans: <CalendarOutlined />,
  tasks: <ScheduleOutlined />,
  results: <FileDoneOutlined />,
  followup: <AuditOutlined />,
  stats: <BarChartOutlined />,
  admin: <SettingOutlined />,
};
