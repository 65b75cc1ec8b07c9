import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@vuonxa/core';

const boolish = z.enum(['1', '0', 'true', 'false', 'yes', 'no', '']).transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
  DEMO_SEED: boolish.optional(),
  AUDIT_SYNC_COMMIT: boolish.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  COOKIE_SECURE: boolish.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(5).default(120),
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  TOTP_REQUIRED_ROLES: z.string().default(''),
  LOGIN_MAX_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
  LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).default(30),
  LOGIN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
  LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  SECRET_KEY: z.string().min(32).optional(),
  WEB_DIST: z.string().optional(),
  TRUST_PROXY: boolish.optional(),
  BLOB_DIR: z.string().optional(),
  REDIS_URL: z.string().url().optional(),
  CONSULT_RETENTION_YEARS: z.coerce.number().int().min(10).max(100).default(10),
  OUTCOME_DUE_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  UPLOAD_EXPIRY_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(72),
  TURN_URLS: z.string().default(''),
  TURN_SECRET: z.string().optional(),
  TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** `dev`: codes are not sent, they show in the log and on the demo inbox page; `none`: no SMS at all. */
  SMS_GATEWAY: z.enum(['dev', 'none']).optional(),
  /** `test`: a test bank confirms VietQR transfers (demo, tests); `none`: no bank connected yet. */
  BANK_GATEWAY: z.enum(['test', 'none']).optional(),
  BANK_WEBHOOK_SECRET: z.string().min(16).optional(),
  JANUS_URL: z
    .string()
    .regex(/^wss?:\/\//, 'A ws:// or wss:// address of the Janus WebSocket API')
    .optional(),
  JANUS_API_SECRET: z.string().optional(),
  RECORDING_DIR: z.string().optional(),
  /** ClamAV's daemon (`host:port`, TCPSocket in clamd.conf): every finished upload is scanned before it is kept. */
  CLAMD_ADDRESS: z
    .string()
    .regex(/^\[?[^\s\]]+\]?:\d{1,5}$/, 'host:port of clamd (TCPSocket)')
    .optional(),
});

export interface Config {
  env: 'development' | 'production' | 'test';
  host: string;
  port: number;
  /** External PostgreSQL; when absent the server runs its own embedded PostgreSQL in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  /** Seed demo data on first start: default on with the embedded database, off with DATABASE_URL. */
  demoSeed: boolean;
  /** Audit rows of reads and chat lines wait for the WAL flush too (db.relaxed made strict); default off. */
  auditSyncCommit: boolean;
  logLevel: string;
  cookieSecure: boolean;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  totpRequiredRoles: Role[];
  login: { maxFailuresPerAccount: number; maxFailuresPerIp: number; windowMinutes: number; lockMinutes: number };
  /** Key material for encrypting TOTP secrets at rest; generated into the data dir when absent. */
  secretKey: string | undefined;
  webDist: string;
  trustProxy: boolean;
  /** Where files live (local blob store); default `<dataDir>/blobs`. */
  blobDir: string;
  /** With Redis, realtime events fan out across server instances; without it they stay in this process. */
  redisUrl: string | undefined;
  consult: {
    /** Consultation records and reports cannot be deleted before this many years (at least 10, Circular 49/2017). */
    retentionYears: number;
    /** Days the requesting site has to report the outcome after the report is final. */
    outcomeDueDays: number;
    /** An unfinished upload is forgotten after this many hours. */
    uploadExpiryHours: number;
  };
  /** TURN relay (coturn with `use-auth-secret`) for NATs in production; null: no relay (LAN, loopback). */
  turn: { urls: string[]; secret: string; ttlSeconds: number } | null;
  /** How one-time codes reach patients' phones (see features/homecare/sms.ts). */
  smsGateway: 'dev' | 'none';
  bank: { gateway: 'test' | 'none'; webhookSecret: string | undefined };
  /** Janus (the SFU) for multi-site rooms; null: peer-to-peer only (fine for two or three people). */
  janus: { url: string; apiSecret: string | undefined } | null;
  /** clamd's `host:port`; without it uploads are checked for type and size but not scanned for malware. */
  clamdAddress: string | null;
  /** Where Janus writes recordings before the server files them (must be the same folder for both). */
  recordingDir: string;
}

/**
 * Reads and validates the environment. The only reader of `process.env` in the server.
 *
 * @example
 * const config = loadConfig(process.env);
 */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
  // An empty variable means unset (shells and CI files often export VAR= to clear one).
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const roles = e.TOTP_REQUIRED_ROLES.split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  for (const r of roles) {
    if (!(ROLES as readonly string[]).includes(r)) throw new Error(`Invalid configuration:\nTOTP_REQUIRED_ROLES: unknown role ${r}`);
  }
  return {
    env: e.NODE_ENV,
    host: e.HOST,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.DATA_DIR),
    embeddedPgPort: e.EMBEDDED_PG_PORT,
    demoSeed: e.DEMO_SEED ?? e.DATABASE_URL === undefined,
    auditSyncCommit: e.AUDIT_SYNC_COMMIT ?? false,
    logLevel: e.LOG_LEVEL,
    cookieSecure: e.COOKIE_SECURE ?? e.NODE_ENV === 'production',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionMaxHours: e.SESSION_MAX_HOURS,
    totpRequiredRoles: roles as Role[],
    login: {
      maxFailuresPerAccount: e.LOGIN_MAX_FAILURES_PER_ACCOUNT,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMinutes: e.LOGIN_WINDOW_MINUTES,
      lockMinutes: e.LOCK_MINUTES,
    },
    secretKey: e.SECRET_KEY,
    webDist: path.resolve(e.WEB_DIST ?? new URL('../../web/dist', import.meta.url).pathname),
    trustProxy: e.TRUST_PROXY ?? false,
    blobDir: path.resolve(e.BLOB_DIR ?? path.join(e.DATA_DIR, 'blobs')),
    redisUrl: e.REDIS_URL,
    consult: {
      retentionYears: e.CONSULT_RETENTION_YEARS,
      outcomeDueDays: e.OUTCOME_DUE_DAYS,
      uploadExpiryHours: e.UPLOAD_EXPIRY_HOURS,
    },
    turn: turnConfig(e.TURN_URLS, e.TURN_SECRET, e.TURN_TTL_SECONDS),
    smsGateway: e.SMS_GATEWAY ?? (e.NODE_ENV === 'production' ? 'none' : 'dev'),
    bank: { gateway: e.BANK_GATEWAY ?? (e.NODE_ENV === 'production' ? 'none' : 'test'), webhookSecret: e.BANK_WEBHOOK_SECRET },
    janus: e.JANUS_URL ? { url: e.JANUS_URL, apiSecret: e.JANUS_API_SECRET } : null,
    clamdAddress: e.CLAMD_ADDRESS ?? null,
    recordingDir: path.resolve(e.RECORDING_DIR ?? path.join(e.DATA_DIR, 'recordings')),
  };
}

function turnConfig(urls: string, secret: string | undefined, ttlSeconds: number): Config['turn'] {
  const list = urls
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  if (list.length === 0) return null;
  if (!secret) throw new Error('Invalid configuration:\nTURN_SECRET: required with TURN_URLS');
  const bad = list.find((u) => !/^turns?:/.test(u));
  if (bad) throw new Error(`Invalid configuration:\nTURN_URLS: ${bad} is not a turn: or turns: URL`);
  return { urls: list, secret, ttlSeconds };
}
