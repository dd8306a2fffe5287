// Configuration: every variable the product reads, from the environment and CLI flags, read
// once and validated at start-up; every problem is listed at once. Nothing else in the server
// reads process.env (the README's configuration table lists the same variables).
import { z } from 'zod';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Connections of the PostgreSQL pool (DATABASE_URL only). */
  pgPoolMax: number;
  /** Force the Secure cookie flag (otherwise set when the request arrived over TLS). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  webDir: string;
  /** 公示期 in months after which a business may apply to stop publication (停止公示/信用修复). */
  publicationMonths: number;
  /** A fixed "today" (YYYY-MM-DD) for demonstrations and tests of working-day deadlines; never in production. */
  today: string | null;
  /**
   * Addresses of reverse proxies whose X-Forwarded-For is believed. Without them the peer address
   * is the client; with them the last address not in the list is.
   */
  trustedProxies: string[];
  /**
   * Origins (scheme://host[:port]) besides the server's own from which a browser may send a state
   * change (a console served under another name by a proxy).
   */
  allowedOrigins: string[];
}

const list = z.union([
  z.array(z.string()),
  z.string().transform((v) =>
    v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  ),
]);

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535), // 0 = any free port (tests)
  host: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  dataDir: z.string().min(1),
  pgPoolMax: z.coerce.number().int('SSJ_PG_POOL_MAX 应为整数').min(1).max(500),
  secureCookies: z.boolean(),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60),
  sessionMaxHours: z.coerce.number().int().min(1).max(24 * 30),
  webDir: z.string().min(1),
  publicationMonths: z.coerce.number().int('SSJ_PUBLICATION_MONTHS 应为整数（月）').min(1).max(120),
  today: z.iso.date('SSJ_TODAY 应为 YYYY-MM-DD').nullable(),
  trustedProxies: list,
  allowedOrigins: list.pipe(z.array(z.url({ message: 'SSJ_ALLOWED_ORIGINS 应为以逗号分隔的 http(s)://主机[:端口]' }))),
});

/** Environment variable (or CLI flag) → config key, for the messages. */
const envName: Record<keyof ServerConfig, string> = {
  port: 'PORT',
  host: 'HOST',
  databaseUrl: 'DATABASE_URL',
  dataDir: 'SSJ_DATA_DIR',
  pgPoolMax: 'SSJ_PG_POOL_MAX',
  secureCookies: 'SSJ_SECURE_COOKIES',
  sessionIdleMinutes: 'SSJ_SESSION_IDLE_MINUTES',
  sessionMaxHours: 'SSJ_SESSION_MAX_HOURS',
  webDir: 'SSJ_WEB_DIR',
  publicationMonths: 'SSJ_PUBLICATION_MONTHS',
  today: 'SSJ_TODAY',
  trustedProxies: 'SSJ_TRUSTED_PROXIES',
  allowedOrigins: 'SSJ_ALLOWED_ORIGINS',
};

export function loadConfig(overrides: Partial<Record<keyof ServerConfig, unknown>> = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const raw = {
    port: overrides.port ?? env.PORT ?? 3000,
    host: overrides.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: overrides.dataDir ?? env.SSJ_DATA_DIR ?? './data/pglite',
    pgPoolMax: overrides.pgPoolMax ?? env.SSJ_PG_POOL_MAX ?? 10,
    secureCookies: overrides.secureCookies ?? env.SSJ_SECURE_COOKIES === '1',
    sessionIdleMinutes: overrides.sessionIdleMinutes ?? env.SSJ_SESSION_IDLE_MINUTES ?? 120,
    sessionMaxHours: overrides.sessionMaxHours ?? env.SSJ_SESSION_MAX_HOURS ?? 12,
    webDir: overrides.webDir ?? env.SSJ_WEB_DIR ?? 'dist/web',
    publicationMonths: overrides.publicationMonths ?? env.SSJ_PUBLICATION_MONTHS ?? 6,
    today: overrides.today ?? (env.SSJ_TODAY || null),
    trustedProxies: overrides.trustedProxies ?? env.SSJ_TRUSTED_PROXIES ?? '',
    allowedOrigins: overrides.allowedOrigins ?? env.SSJ_ALLOWED_ORIGINS ?? '',
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = issue.path[0] as keyof ServerConfig | undefined;
      return `  - ${key ? envName[key] : '配置'}：${issue.message}`;
    });
    throw new Error(`配置有误，请修正以下各项后重新启动：\n${lines.join('\n')}`);
  }
  return parsed.data as ServerConfig;
}
