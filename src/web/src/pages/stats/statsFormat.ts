// What the 统计分析 pages share: the answer's types and how a figure and its light are shown.
import type { ApiOutput } from '../../api.ts';

export type Indicators = ApiOutput<'GET /api/indicators'>;
export type Figure = Indicators['indicators'][number];
export type Light = Figure['light'];

export const lightTagColor = { green: 'success', amber: 'warning', red: 'error', none: 'default' } as const;
export const lightText = { green: '达标', amber: '接近目标', red: '未达标', none: '不设目标' } as const;
export const lightColors: Record<Light, string> = { green: '#52c41a', amber: '#faad14', red: '#ff4d4f', none: '#1677ff' };

export const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(2)}%`);

/** Lower is better for an at-most target (低风险对象重复抽查率) and for 逐年降低. */
export const lowerIsBetter = (f: Pick<Figure, 'direction'>) => f.direction === 'atMost' || f.direction === 'falling';
