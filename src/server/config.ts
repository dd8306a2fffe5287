// Configuration from env and CLI flags, validated at start-up; every problem is listed.
import { z } from 'zod';

export interface ServerConfig {
  port: number;
  host: string;
  databaseUrl?: string;
  dataDir: string;
  /** Force the Secure cookie flag (otherwise set when the request arrived over TLS). */
  secureCookies: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  webDir: string;
}

const schema = z.object({
  port: z.coerce.number().int().min(0).max(65535), // 0 = any free port (tests)
  host: z.string().min(1),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 或 postgresql:// 开头')
    .optional(),
  dataDir: z.string().min(1),
  secureCookies: z.boolean(),
  sessionIdleMinutes: z.coerce.number().int().min(1).max(24 * 60),
  sessionMaxHours: z.coerce.number().int().min(1).max(24 * 30),
  webDir: z.string().min(1),
});

export function loadConfig(overrides: Partial<Record<keyof ServerConfig, unknown>> = {}, env = process.env): ServerConfig {
  const raw = {
    port: overrides.port ?? env.PORT ?? 3000,
    host: overrides.host ?? env.HOST ?? '0.0.0.0',
    databaseUrl: overrides.databaseUrl ?? (env.DATABASE_URL || undefined),
    dataDir: overrides.dataDir ?? env.SSJ_DATA_DIR ?? './data/pglite',
    secureCookies: overrides.secureCookies ?? env.SSJ_SECURE_COOKIES === '1',
    sessionIdleMinutes: overrides.sessionIdleMinutes ?? env.SSJ_SESSION_IDLE_MINUTES ?? 120,
    sessionMaxHours: overrides.sessionMaxHours ?? env.SSJ_SESSION_MAX_HOURS ?? 12,
    webDir: overrides.webDir ?? env.SSJ_WEB_DIR ?? 'dist/web',
  };
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`配置有误，请修正以下各项后重新启动：\n${lines.join('\n')}`);
  }
  return parsed.data as ServerConfig;
}
