// The 统计分析 dashboard a 局长 opens first, in a real browser on the demo's finished 2025:
// a. 高平 (county, gp.leader): the cards show the demo year with some targets met (green) and
//    some missed (red or amber), the same numbers as `ssj indicators` (indicatorsOfUnit); for
//    several indicators the list behind a number has exactly that many rows;
// b. the monthly trend of a chosen indicator and the units below ranked on it are drawn as charts
//    with Chinese titles and axes;
// c. 晋城 (city, jc.leader) and 山西省局 (province, sx.admin) see their units below side by side and
//    the lists behind their numbers agree with them too; their year is not 高平's alone (the city's
//    own task and 泽州's count too), and at each level some targets are met and some are not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { loginInBrowser, startHarness, type Harness } from './support/harness.ts';
import { chooseOption } from './support/antd.ts';
import { loadScope } from '../src/server/access/scope.ts';
import { indicatorsOfUnit } from '../src/server/indicators/indicatorViews.ts';
import type { Caller } from '../src/server/http/route.ts';
import { userTextProblems } from '../src/testing/userText.ts';

let harness: Harness;
let base: string;

beforeAll(async () => {
  harness = await startHarness();
  base = harness.server.url;
});

afterAll(async () => {
  await harness?.close();
});

async function dashboardAs(username: string, unitCode?: string): Promise<Page> {
  const context = await harness.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await loginInBrowser(page, base, username);
  await page.goto(`${base}/console/stats?year=2025${unitCode ? `&unit=${unitCode}` : ''}`);
  await page.getByTestId('stats-cards').waitFor();
  return page;
}

/** What `ssj indicators --unit CODE --year 2025 --json` prints, as numerator/denominator per key. */
async function cliFigures(unitCode: string) {
  const db = harness.server.booted.database.db;
  const caller: Caller = {
    userId: '00000000-0000-4000-8000-000000000000',
    username: 'ssj',
    displayName: '命令行',
    role: 'leader',
    scope: await loadScope(db, unitCode),
    sessionTokenHash: '',
  };
  const view = await indicatorsOfUnit(db, caller, { unitCode, year: 2025 });
  return Object.fromEntries(view.indicators.map((f) => [f.key, `${f.numerator}/${f.denominator}`]));
}

async function cardFigures(page: Page, keys: string[]) {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const num = (await page.getByTestId(`indicator-${key}-numerator`).innerText()).trim();
    const den = (await page.getByTestId(`indicator-${key}-denominator`).innerText()).trim();
    out[key] = `${num}/${den}`;
  }
  return out;
}

/** Clicks a number on a card; the drawer's list holds exactly that many rows (20 a page). */
async function expectListMatches(page: Page, key: string, part: 'numerator' | 'denominator'): Promise<number> {
  const shown = Number((await page.getByTestId(`indicator-${key}-${part}`).innerText()).trim());
  await page.getByTestId(`indicator-${key}-${part}`).click();
  await expect.poll(async () => (await page.getByTestId('stats-drill-total').innerText()).trim()).toBe(`共 ${shown} 条`);
  await expect.poll(async () => page.getByTestId('stats-drill-table').locator('tr.ant-table-row').count()).toBe(Math.min(shown, 20));
  await page.locator('.ant-drawer-close').click();
  await expect.poll(async () => page.getByTestId('stats-drill-total').count()).toBe(0);
  return shown;
}

async function cardLights(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid^="indicator-"][data-light]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-light') ?? ''));
}

/** At least one card meets its target and at least one misses it. */
async function expectMetAndUnmet(page: Page) {
  const lights = await cardLights(page);
  expect(lights).toContain('green');
  expect(lights.some((l) => l === 'red' || l === 'amber')).toBe(true);
}

/** The unit's figures are its own: several differ from 高平's, and it counts more results. */
async function expectNotGaopingAlone(figures: Record<string, string | undefined>) {
  const gaoping = await cliFigures('140581');
  expect(KEYS.filter((k) => figures[k] !== gaoping[k]).length).toBeGreaterThanOrEqual(3);
  const finished = (f: Record<string, string | undefined>) => Number(f.resultPublication!.split('/')[1]);
  expect(finished(figures)).toBeGreaterThan(finished(gaoping));
}

async function chartTexts(page: Page, testId: string): Promise<string> {
  const chart = page.getByTestId(testId);
  await expect.poll(async () => chart.locator('svg text').count()).toBeGreaterThan(3);
  return (await chart.locator('svg text').allTextContents()).join(' ');
}

const KEYS = [
  'entityCoverage',
  'resultPublication',
  'timelyPublication',
  'itemCoverage',
  'planCompletion',
  'planFilingTimeliness',
  'problemDisposal',
];

describe('统计分析 dashboard', () => {
  it('a county leader sees the demo year against its targets, the same numbers as ssj, and the rows behind them', async () => {
    const page = await dashboardAs('gp.leader');
    await expect.poll(async () => page.getByTestId('page-stats').locator('.ant-card-head-title').first().innerText()).toMatch(/高平.*2025/);
    const cli = await cliFigures('140581');
    const cards = await cardFigures(page, KEYS);
    for (const key of KEYS) expect({ key, figure: cards[key] }).toEqual({ key, figure: cli[key] });

    await expectMetAndUnmet(page);

    // Four indicators of four families of rows: results, registered enterprises, claims, tasks.
    expect(await expectListMatches(page, 'resultPublication', 'numerator')).toBeGreaterThan(0);
    expect(await expectListMatches(page, 'entityCoverage', 'denominator')).toBeGreaterThan(20);
    expect(await expectListMatches(page, 'itemCoverage', 'denominator')).toBeGreaterThan(0);
    expect(await expectListMatches(page, 'planCompletion', 'denominator')).toBeGreaterThan(0);
    await expectListMatches(page, 'planCompletion', 'numerator');
  });

  it('draws the monthly trend of a chosen indicator with Chinese titles and axes', async () => {
    const page = await dashboardAs('gp.leader');
    const trend = await chartTexts(page, 'stats-trend-chart');
    expect(trend).toContain('检查结果公示率 · 2025年月度趋势');
    expect(trend).toContain('1月');
    expect(trend).toContain('12月');
    expect(trend).toContain('截至当月数值');
    await chooseOption(page, page.getByTestId('stats-trend-key'), '按时公示率');
    await expect.poll(async () => chartTexts(page, 'stats-trend-chart')).toContain('按时公示率 · 2025年月度趋势');
    // The note sums the months to the card's numbers.
    const card = await cardFigures(page, ['timelyPublication']);
    await expect
      .poll(async () => page.getByTestId('stats-trend-note').innerText())
      .toContain(`全年合计 ${card.timelyPublication!.replace('/', ' / ')}`);
    const visible = await page.getByTestId('page-stats').innerText();
    expect(userTextProblems(visible.replace(/\d{6}(-\d{4}-\d{3}(-\d+)?)?/g, ''))).toEqual([]);
  });

  it('a city leader sees its counties ranked side by side, and the lists agree with the city numbers', async () => {
    const page = await dashboardAs('jc.leader');
    await expect.poll(async () => page.getByTestId('page-stats').locator('.ant-card-head-title').first().innerText()).toMatch(/晋城/);
    const cli = await cliFigures('140500');
    expect(await cardFigures(page, KEYS)).toEqual(Object.fromEntries(KEYS.map((k) => [k, cli[k]])));
    await expectNotGaopingAlone(cli);
    await expectMetAndUnmet(page);
    await expectListMatches(page, 'resultPublication', 'denominator');
    await expectListMatches(page, 'resultPublication', 'numerator');
    await expectListMatches(page, 'planFilingTimeliness', 'denominator');
    await expectListMatches(page, 'entityCoverage', 'denominator');
    await expectListMatches(page, 'planCompletion', 'denominator');
    const ranking = await chartTexts(page, 'stats-ranking-chart');
    expect(ranking).toContain('下级单位排名 · 检查结果公示率');
    expect(ranking).toContain('高平');
    await expect.poll(async () => page.getByTestId('stats-ranking').innerText()).toContain('高平');
    // A county of the ranking opens in place.
    await page.getByTestId('stats-ranking').getByText('高平市市场监督管理局').click();
    await expect.poll(async () => page.getByTestId('page-stats').locator('.ant-card-head-title').first().innerText()).toMatch(/高平/);
  });

  it('the province sees its cities side by side with the same numbers as ssj', async () => {
    const page = await dashboardAs('sx.admin');
    const cli = await cliFigures('140000');
    expect(await cardFigures(page, KEYS)).toEqual(Object.fromEntries(KEYS.map((k) => [k, cli[k]])));
    await expectNotGaopingAlone(cli);
    await expectMetAndUnmet(page);
    await expectListMatches(page, 'itemCoverage', 'denominator');
    await expectListMatches(page, 'resultPublication', 'denominator');
    await expectListMatches(page, 'planCompletion', 'denominator');
    await expectListMatches(page, 'resultPublication', 'numerator');
    await expectListMatches(page, 'entityCoverage', 'denominator');
    const ranking = await chartTexts(page, 'stats-ranking-chart');
    expect(ranking).toContain('晋城');
    expect(ranking).toContain('忻州');
  });

  it('a planner sets the county’s own target in 指标目标设置 and the card follows; a leader only reads the targets', async () => {
    const leader = await dashboardAs('gp.leader');
    await leader.getByTestId('stats-targets-open').click();
    await expect.poll(async () => leader.getByTestId('target-riskClassApplication-applied').innerText()).toMatch(/90\.00%（默认）/);
    expect(await leader.locator('[data-testid="target-riskClassApplication-save"]').count()).toBe(0);

    const page = await dashboardAs('gp.planner');
    await page.getByTestId('stats-targets-open').click();
    const input = page
      .locator('input[data-testid="target-riskClassApplication-input"], [data-testid="target-riskClassApplication-input"] input')
      .first();
    await input.fill('95');
    await page.getByTestId('target-riskClassApplication-save').click();
    await expect
      .poll(async () => page.getByTestId('target-riskClassApplication-applied').innerText())
      .toMatch(/95\.00%（高平市市场监督管理局设定）/);
    await page.locator('.ant-drawer-close').click();
    await expect.poll(async () => page.getByTestId('indicator-riskClassApplication').innerText()).toContain('目标 95.00%');
    // Back to the default for the other journeys.
    await page.getByTestId('stats-targets-open').click();
    await page.getByTestId('target-riskClassApplication-clear').click();
    await expect.poll(async () => page.getByTestId('target-riskClassApplication-applied').innerText()).toMatch(/90\.00%（默认）/);
  });

  it('prints the 年度工作总结 with the cards’ numbers in sentences and a table', async () => {
    const page = await dashboardAs('gp.leader');
    const finished = (await page.getByTestId('indicator-resultPublication-denominator').innerText()).trim();
    const published = (await page.getByTestId('indicator-resultPublication-numerator').innerText()).trim();
    await page.getByTestId('stats-annual').click();
    const sheet = page.getByTestId('doc-sheet');
    await expect.poll(async () => sheet.locator('h1').innerText()).toBe('高平市市场监督管理局2025年度“双随机、一公开”监管工作总结（数据）');
    const text = await sheet.innerText();
    expect(text).toContain(`完成检查${finished}户次`);
    expect(text).toContain(`检查结果已公示${published}户次`);
    expect(await page.getByTestId('annual-facts').innerText()).toContain(`完成检查\t${finished} 户次`);
    expect(await page.getByTestId('annual-indicators').locator('tbody tr').count()).toBe(15);
    await expect.poll(async () => page.getByTestId('doc-print').innerText()).toContain('打印《年度工作总结》');
  });
});
