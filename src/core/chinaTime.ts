// Times as the bureaus read them: China Standard Time (UTC+8, no daylight saving), whatever the
// time zone of the browser or the server.

const pad = (n: number) => String(n).padStart(2, '0');

/** "2026-03-05 14:07:09" in China Standard Time; the text itself if it is not a time. */
export function formatChinaTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(d.getTime())) return String(instant);
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return `${c.getUTCFullYear()}-${pad(c.getUTCMonth() + 1)}-${pad(c.getUTCDate())} ${pad(c.getUTCHours())}:${pad(c.getUTCMinutes())}:${pad(c.getUTCSeconds())}`;
}
