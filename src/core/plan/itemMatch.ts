// Which items of the 随机抽查事项清单 a plan task's 抽查事项 text names. Plans name items the way
// bureaus write them: a whole category ("登记事项检查", "公示信息的监督检查"), an item by its
// name or near it ("电子商务平台监督检查" for 电子商务平台经营者的监督检查), several at once
// ("食品销售、餐饮服务监督检查"), or aspects of one item whose task names it ("生产设备、生产工艺的
// 检查" under 对工业产品生产许可证获证企业的双随机抽查). The match is tried in that order; text
// that matches nothing is what the planner is warned about.

export interface ListItem {
  code: string;
  name: string;
  category: string;
}

/** How an item text was matched: the item's name, its category, a near name, or the task's name. */
export type ItemMatchKind = 'name' | 'category' | 'similar' | 'taskName';

export interface ItemMatch {
  /** The 抽查事项 text as the plan wrote it. */
  text: string;
  kind: ItemMatchKind | null;
  items: ListItem[];
}

/** Words a plan uses for what the list calls otherwise (食品销售 is 食品经营 in the list's terms). */
const SYNONYMS: [RegExp, string][] = [[/食品销售/g, '食品经营']];

/** The text without punctuation, brackets, 的, a leading 对. */
function normalized(text: string): string {
  let s = text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s的。;；,，、.:：“”"'（）()【】[\]]/g, '')
    .replace(/^对/, '');
  for (const [from, to] of SYNONYMS) s = s.replace(from, to);
  return s;
}

const ITEM_SUFFIX = /(监督检查|监督抽查|监督管理|检查|抽查|活动|情况)$/;
const TASK_SUFFIX = /(定向|不定向|双随机|抽查|监督检查|检查|工作)$/;

/** What an item text is about: the words before "…的监督检查", "…情况检查", "…活动". */
export function itemStem(text: string): string {
  let s = normalized(text);
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(ITEM_SUFFIX, '');
  }
  return s;
}

/** What a task is about: its name without "对…的（不）定向双随机抽查". */
function taskStem(name: string): string {
  let s = normalized(name);
  for (let before = ''; before !== s;) {
    before = s;
    s = s.replace(TASK_SUFFIX, '');
  }
  return s;
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 1 < s.length; i++) out.add(s.slice(i, i + 2));
  return out;
}

/** Share of the shorter text's character pairs found in the other (0 when either is too short to tell). */
function likeness(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  if (x.size < 2 || y.size < 2) return 0;
  let shared = 0;
  for (const g of x) if (y.has(g)) shared += 1;
  return shared / Math.min(x.size, y.size);
}

/** A near name is at least this alike. */
const LIKENESS = 0.6;

function byNameOrCategory(text: string, list: readonly ListItem[]): Omit<ItemMatch, 'text'> | null {
  const whole = normalized(text);
  const exact = list.filter((item) => normalized(item.name) === whole);
  if (exact.length > 0) return { kind: 'name', items: exact };
  const stem = itemStem(text);
  if (stem.length < 2) return null;
  const sameStem = list.filter((item) => itemStem(item.name) === stem);
  if (sameStem.length > 0) return { kind: 'name', items: sameStem };
  // A category named, or its subject first ("计量使用单位情况的监督检查" is about 计量).
  const category = list.filter((item) => {
    const c = itemStem(item.category);
    return c.length >= 2 && (stem === c || stem.startsWith(c));
  });
  if (category.length > 0) return { kind: 'category', items: category };
  return nearest(stem, list, 'similar');
}

function nearest(stem: string, list: readonly ListItem[], kind: ItemMatchKind): Omit<ItemMatch, 'text'> | null {
  let best = 0;
  let items: ListItem[] = [];
  for (const item of list) {
    const score = likeness(stem, itemStem(item.name));
    if (score > best) {
      best = score;
      items = [item];
    } else if (score === best && score > 0) items.push(item);
  }
  return best >= LIKENESS ? { kind, items } : null;
}

/** Matches one text: as several items listed with 、 (each must match), whole, then by the task's name. */
function matchText(text: string, taskName: string, list: readonly ListItem[]): ItemMatch {
  const parts = text
    .split(/[、，,]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length > 1) {
    const matched = parts.map((p) => byNameOrCategory(p, list));
    if (matched.every((m) => m !== null)) {
      const items = [...new Map(matched.flatMap((m) => m!.items).map((i) => [i.code, i])).values()];
      const kinds = new Set(matched.map((m) => m!.kind));
      return { text, kind: kinds.size === 1 ? matched[0]!.kind : 'similar', items };
    }
  }
  const whole = byNameOrCategory(text, list);
  if (whole) return { text, ...whole };
  const byTask = nearest(taskStem(taskName), list, 'taskName');
  return byTask ? { text, ...byTask } : { text, kind: null, items: [] };
}

/** The list items each of a task's 抽查事项 names, in the task's order. */
export function matchTaskItems(task: { name: string; items: readonly string[] }, list: readonly ListItem[]): ItemMatch[] {
  return task.items.map((text) => matchText(text, task.name, list));
}
