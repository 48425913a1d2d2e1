import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateIf,
  validateSync,
} from 'class-validator';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';

export const PROCESS_ROLES = ['all', 'api', 'worker'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

const toInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const toDecimal = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;

/**
 * Every setting the process reads from its environment. Outside production each one has a local
 * default so a fresh clone runs with no `.env`; in production the secrets and URLs must be given.
 */
export class Environment {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production';

  @IsIn(PROCESS_ROLES)
  PROCESS_ROLE: ProcessRole;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT: number;

  @IsString()
  @IsNotEmpty()
  HOST: string;

  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_URL: string;

  /**
   * A streaming replica of DATABASE_URL (empty: none). Statistics and other reads that may lag a
   * moment read from it; writes, and reads that must see their own writes, stay on the primary.
   */
  @ValidateIf((env: Environment) => env.DATABASE_READ_URL !== '')
  @IsUrl({ protocols: ['postgres', 'postgresql'], require_tld: false, require_protocol: true })
  DATABASE_READ_URL: string;

  @IsUrl({ protocols: ['redis', 'rediss'], require_tld: false, require_protocol: true })
  REDIS_URL: string;

  @IsUrl({ protocols: ['http', 'https'], require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL: string;

  @IsString()
  @MinLength(32)
  JWT_SECRET: string;

  @IsString()
  @IsNotEmpty()
  STORAGE_DIR: string;

  /**
   * Ed25519 keys that sign certificate credentials: a JSON array of JWKs, the first private one signing,
   * the others kept so credentials they signed still verify. Empty: CREDENTIAL_SIGNING_KEYS_FILE, or
   * outside production a key generated once under STORAGE_DIR. One of the two is needed in production.
   */
  @IsString()
  CREDENTIAL_SIGNING_KEYS: string;

  /** A file holding the same JSON as CREDENTIAL_SIGNING_KEYS (a mounted secret); read when that is empty. */
  @IsString()
  CREDENTIAL_SIGNING_KEYS_FILE: string;

  @IsString()
  @MinLength(3)
  SEED_ADMIN_USERNAME: string;

  @IsString()
  @MinLength(8)
  SEED_ADMIN_PASSWORD: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: string;

  /** Largest JSON or form body accepted, in bytes; uploads set their own limits. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  BODY_LIMIT_BYTES: number;

  /** Prefix of every Redis key (queues, login throttle), so several deployments (or test files) can share one Redis. */
  @IsString()
  @IsNotEmpty()
  QUEUE_PREFIX: string;

  @Transform(toInt)
  @IsInt()
  @Min(50)
  OUTBOX_POLL_MS: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE: number;

  /** Attempts a job gets before its outbox event is marked dead. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  JOB_MAX_ATTEMPTS: number;

  /** First retry delay; later retries back off exponentially from it. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  JOB_BACKOFF_MS: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(256)
  WORKER_CONCURRENCY: number;

  /** Handled outbox events are deleted after this many days (dead ones are kept). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OUTBOX_RETENTION_DAYS: number;

  /** How long an `Idempotency-Key` and its stored answer are kept. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  IDEMPOTENCY_KEY_TTL_HOURS: number;

  /** A job's lock; a job whose worker died is retried elsewhere after about this long. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  JOB_LOCK_MS: number;

  /** How long SIGTERM waits for running jobs before leaving them to be retried elsewhere. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS: number;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE: number;

  /**
   * How long a request waits for a database connection before it is answered 503 with Retry-After:
   * while PostgreSQL is down or restarting, requests fail fast instead of hanging.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60000)
  DATABASE_CONNECT_TIMEOUT_MS: number;

  /**
   * Shedding (0: off): while the event loop's mean delay over the last half second is above this,
   * API requests are answered 503 `overloaded` at once instead of queueing behind the backlog.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60000)
  OVERLOAD_MAX_LOOP_DELAY_MS: number;

  /** Shedding (0: off): the same while the event loop is busy more than this share of the time (0–1). */
  @Transform(toDecimal)
  @IsNumber()
  @Min(0)
  @Max(1)
  OVERLOAD_MAX_LOOP_UTILIZATION: number;

  /**
   * Shedding (0: off): while more statements than this wait for a connection of the primary's pool,
   * new API requests are answered 503 `overloaded` rather than queue behind them.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(100_000)
  OVERLOAD_MAX_DATABASE_WAITING: number;

  /** Largest uploaded import file (CSV or XLSX), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_BYTES: number;

  /** Most bytes an XLSX import file may unpack to, counted while unpacking (a small zip can hold a huge sheet). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  IMPORT_MAX_UNPACKED_BYTES: number;

  /** Largest attachment (and largest file inside a course package), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  ATTACHMENT_MAX_BYTES: number;

  /** Largest course package (the zip as uploaded), in bytes. */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  PACKAGE_MAX_BYTES: number;

  /** Most entries a course package may hold; more is refused before anything is unpacked. */
  @Transform(toInt)
  @IsInt()
  @Min(2)
  PACKAGE_MAX_ENTRIES: number;

  /** Most bytes a course package may unpack to, counted while unpacking (zip bombs lie in headers). */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  PACKAGE_MAX_UNCOMPRESSED_BYTES: number;

  /** How long a session's check-in code lasts before the next one replaces it (the previous one still counts). */
  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  CHECK_IN_CODE_PERIOD_SECONDS: number;

  /** How many minutes before a session starts learners may check in. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(240)
  CHECK_IN_OPENS_MINUTES_BEFORE: number;

  /** Days an imported person's activation code stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  ACTIVATION_CODE_TTL_DAYS: number;

  /** Demo org tree and people (README lists them); off by default in production. */
  @IsIn(['true', 'false'])
  SEED_DEMO_DATA: 'true' | 'false';

  /**
   * Which peers may set X-Forwarded-For (client IPs for throttling and the audit log): `true`, `false`,
   * a hop count, or addresses and ranges (`loopback`, `uniquelocal`, `10.0.0.0/8`, …).
   */
  @IsString()
  @IsNotEmpty()
  TRUST_PROXY: string;

  /** IANA zone that decides which calendar day it is for effective dates (moves, merges). */
  @IsTimeZone()
  DEFAULT_TIMEZONE: string;

  /** A refresh token's lifetime; each rotation issues a successor with a fresh lifetime. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REFRESH_TOKEN_TTL_DAYS: number;

  /** How long after a rotation a retry with the old token is refused without revoking its family. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300)
  REFRESH_REUSE_GRACE_SECONDS: number;

  /** Failed logins allowed per username and per client IP inside the window; the next one gets 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  LOGIN_MAX_FAILURES: number;

  /** The sliding window of the failed-login throttle, in seconds. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_WINDOW_SECONDS: number;

  /** SMTP server for email (`smtp://user:pass@host:587`, `smtps://…`); empty: email is off, in-app still works. */
  @IsString()
  SMTP_URL: string;

  /**
   * SMTP connections each worker keeps open. A message costs four round trips (nodemailer does not
   * pipeline), so the send rate grows with the connections until the relay or the CPU is the limit.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  SMTP_POOL_SIZE: number;

  /**
   * Messages sent over one pooled SMTP connection before it is closed and another opened: some
   * relays limit messages per connection; a relay of your own does not, and each new connection
   * costs its handshake again.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  SMTP_MAX_MESSAGES: number;

  /** The From of every email, e.g. `"Trường Chính trị tỉnh" <no-reply@truongchinhtri.vn>`. */
  @Matches(/^(?:[^<>]*<[^\s<>@,]+@[^\s<>@,]+>|[^\s<>@,"]+@[^\s<>@,"]+)$/, {
    message: 'phải là một địa chỉ email, ví dụ "Lyluan" <no-reply@lyluan.local>',
  })
  MAIL_FROM: string;

  /** Start of the quiet hours (HH:MM, the class's or DEFAULT_TIMEZONE): emails wait until they end. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'phải có dạng HH:MM' })
  NOTIFY_QUIET_HOURS_START: string;

  /** End of the quiet hours (HH:MM); equal to the start: no quiet hours. */
  @Matches(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'phải có dạng HH:MM' })
  NOTIFY_QUIET_HOURS_END: string;

  /** Hours before a session's start its learners and instructors are reminded, comma-separated (`24,1`). */
  @Matches(/^\d{1,3}(,\d{1,3})*$/, { message: 'phải là các số giờ cách nhau bởi dấu phẩy, ví dụ 24,1' })
  REMINDER_SESSION_LEAD_HOURS: string;

  /** Hours before an exam closes its learners without a submitted attempt are reminded. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(720)
  REMINDER_EXAM_LEAD_HOURS: number;

  /** Days before an online or hybrid class ends its learners with mandatory lessons left are reminded. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(90)
  REMINDER_CLASS_END_LEAD_DAYS: number;

  /**
   * How far back a scan still sends what fell due (a worker down for a while); older reminders are
   * skipped rather than sent late.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1440)
  REMINDER_LOOKBACK_MINUTES: number;

  /**
   * Recipients a reminder notifies per transaction: each page commits on its own and the pages are
   * written side by side, so the first emails of a session of 100,000 go out while later pages are
   * still being written.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(100_000)
  REMINDER_PAGE_SIZE: number;

  /** A probationary member without a new-member certificate is alerted this many days before the 12 months end. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  PROBATION_ALERT_DAYS: number;

  /** Certificate verifications (`GET /verify/:code`) allowed per client IP per minute; the next get 429. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100000)
  VERIFY_RATE_LIMIT_PER_MINUTE: number;

  /** How long a webhook receiver has to answer one delivery attempt, in ms. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(60000)
  WEBHOOK_TIMEOUT_MS: number;

  /** Attempts of one webhook delivery before it counts as failed (12 with the default backoff: about 17 h). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30)
  WEBHOOK_MAX_ATTEMPTS: number;

  /** First webhook retry delay, in ms; each later retry waits twice as long as the one before. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  WEBHOOK_BACKOFF_MS: number;

  /** Failed deliveries in a row (a success resets the count) after which a webhook is disabled. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  WEBHOOK_DISABLE_AFTER_FAILURES: number;

  /** Lets webhooks target loopback and private addresses (development, tests); refused in production. */
  @IsIn(['true', 'false'])
  WEBHOOK_ALLOW_PRIVATE: 'true' | 'false';

  /** Brotli or gzip for generated text (JSON, iCalendar, CSV) when the client accepts it. */
  @IsIn(['true', 'false'])
  HTTP_COMPRESSION: 'true' | 'false';

  /** Smaller bodies go as they are: below about 1 KiB compression saves less than it costs. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  COMPRESSION_THRESHOLD_BYTES: number;

  /** A strong ETag on every GET of JSON or iCalendar, and 304 for an `If-None-Match` that matches. */
  @IsIn(['true', 'false'])
  HTTP_ETAGS: 'true' | 'false';

  /** How long the queue dashboard's cookie lasts; the admin opens a new one after. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(240)
  QUEUE_BOARD_SESSION_MINUTES: number;

  /**
   * With it, `/metrics` needs `Authorization: Bearer <token>`. Production needs it, unless metrics are
   * served on METRICS_PORT instead (an internal interface) and the API port does not serve them.
   */
  @IsString()
  METRICS_TOKEN: string;

  /** A port of its own for `/metrics` (0: none), on METRICS_HOST, without a token: keep it internal. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  METRICS_PORT: number;

  /** Access tokens of an ended session (logout, password change, refresh reuse) are refused; `false` turns that off. */
  @IsIn(['true', 'false'])
  SESSION_REVOCATION: 'true' | 'false';

  /** How long a process trusts its last look at a session's revocation before asking Redis again. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(1000)
  SESSION_REVOCATION_CACHE_MS: number;

  /** The interface METRICS_PORT listens on. */
  @IsString()
  @IsNotEmpty()
  METRICS_HOST: string;
}

const LOCAL_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'development',
  PROCESS_ROLE: 'all',
  PORT: '3000',
  HOST: '0.0.0.0',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lyluan',
  DATABASE_READ_URL: '',
  REDIS_URL: 'redis://127.0.0.1:6379',
  PUBLIC_BASE_URL: 'http://localhost:3000',
  JWT_SECRET: 'lyluan-local-development-secret-change-me',
  STORAGE_DIR: './var/storage',
  CREDENTIAL_SIGNING_KEYS: '',
  CREDENTIAL_SIGNING_KEYS_FILE: '',
  SEED_ADMIN_USERNAME: 'admin',
  SEED_ADMIN_PASSWORD: 'lyluan-admin-2026',
  LOG_LEVEL: 'info',
  BODY_LIMIT_BYTES: String(1024 * 1024),
  QUEUE_PREFIX: 'lyluan',
  OUTBOX_POLL_MS: '500',
  OUTBOX_BATCH_SIZE: '200',
  JOB_MAX_ATTEMPTS: '5',
  JOB_BACKOFF_MS: '2000',
  WORKER_CONCURRENCY: '8',
  OUTBOX_RETENTION_DAYS: '14',
  IDEMPOTENCY_KEY_TTL_HOURS: '24',
  JOB_LOCK_MS: '30000',
  SHUTDOWN_TIMEOUT_MS: '20000',
  DATABASE_POOL_SIZE: '10',
  DATABASE_CONNECT_TIMEOUT_MS: '3000',
  OVERLOAD_MAX_LOOP_DELAY_MS: '1000',
  OVERLOAD_MAX_LOOP_UTILIZATION: '0',
  OVERLOAD_MAX_DATABASE_WAITING: '100',
  DEFAULT_TIMEZONE: 'Asia/Ho_Chi_Minh',
  TRUST_PROXY: 'loopback,linklocal,uniquelocal',
  SEED_DEMO_DATA: 'true',
  IMPORT_MAX_BYTES: String(10 * 1024 * 1024),
  IMPORT_MAX_UNPACKED_BYTES: String(100 * 1024 * 1024),
  ATTACHMENT_MAX_BYTES: String(100 * 1024 * 1024),
  PACKAGE_MAX_BYTES: String(200 * 1024 * 1024),
  PACKAGE_MAX_ENTRIES: '2000',
  CHECK_IN_CODE_PERIOD_SECONDS: '300',
  CHECK_IN_OPENS_MINUTES_BEFORE: '15',
  PACKAGE_MAX_UNCOMPRESSED_BYTES: String(400 * 1024 * 1024),
  ACTIVATION_CODE_TTL_DAYS: '30',
  REFRESH_TOKEN_TTL_DAYS: '30',
  REFRESH_REUSE_GRACE_SECONDS: '10',
  LOGIN_MAX_FAILURES: '5',
  LOGIN_WINDOW_SECONDS: '60',
  VERIFY_RATE_LIMIT_PER_MINUTE: '60',
  SMTP_URL: '',
  SMTP_POOL_SIZE: '10',
  SMTP_MAX_MESSAGES: '100',
  MAIL_FROM: '"Lyluan" <no-reply@lyluan.local>',
  NOTIFY_QUIET_HOURS_START: '21:00',
  NOTIFY_QUIET_HOURS_END: '07:00',
  WEBHOOK_TIMEOUT_MS: '10000',
  WEBHOOK_MAX_ATTEMPTS: '12',
  WEBHOOK_BACKOFF_MS: '30000',
  WEBHOOK_DISABLE_AFTER_FAILURES: '5',
  WEBHOOK_ALLOW_PRIVATE: 'false',
  HTTP_COMPRESSION: 'true',
  COMPRESSION_THRESHOLD_BYTES: '1024',
  HTTP_ETAGS: 'true',
  QUEUE_BOARD_SESSION_MINUTES: '15',
  METRICS_TOKEN: '',
  METRICS_PORT: '0',
  METRICS_HOST: '127.0.0.1',
  SESSION_REVOCATION: 'true',
  SESSION_REVOCATION_CACHE_MS: '500',
  REMINDER_SESSION_LEAD_HOURS: '24,1',
  REMINDER_EXAM_LEAD_HOURS: '24',
  REMINDER_CLASS_END_LEAD_DAYS: '3',
  REMINDER_LOOKBACK_MINUTES: '30',
  REMINDER_PAGE_SIZE: '2000',
  PROBATION_ALERT_DAYS: '60',
};

/** Defaults that differ in production. */
const PRODUCTION_DEFAULTS: Record<string, string> = { SEED_DEMO_DATA: 'false' };

/** In production these have no default: a deployment that forgets one must not start. */
const REQUIRED_IN_PRODUCTION = [
  'DATABASE_URL',
  'REDIS_URL',
  'PUBLIC_BASE_URL',
  'JWT_SECRET',
  'STORAGE_DIR',
  'SEED_ADMIN_USERNAME',
  'SEED_ADMIN_PASSWORD',
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads `.env` (when present) under the real environment, which wins. */
export function readEnvFile(cwd = process.cwd()): Record<string, string> {
  const file = resolve(cwd, '.env');
  return existsSync(file) ? parseDotenv(readFileSync(file)) : {};
}

export function loadEnvironment(
  source: Record<string, string | undefined> = { ...readEnvFile(), ...process.env },
): Environment {
  const production = source.NODE_ENV === 'production';
  const problems: string[] = [];
  const merged: Record<string, string | undefined> = {};
  for (const key of Object.keys(LOCAL_DEFAULTS)) {
    const given = source[key];
    if (given !== undefined && given !== '') {
      merged[key] = given;
    } else if (production && REQUIRED_IN_PRODUCTION.includes(key)) {
      problems.push(`${key} is required when NODE_ENV=production`);
    } else {
      merged[key] = (production && PRODUCTION_DEFAULTS[key]) || LOCAL_DEFAULTS[key];
    }
  }

  const env = plainToInstance(Environment, merged);
  for (const error of validateSync(env, { skipMissingProperties: false })) {
    if (problems.some((p) => p.startsWith(`${error.property} `))) continue;
    const shown = /SECRET|PASSWORD|TOKEN/.test(error.property)
      ? '(hidden)'
      : JSON.stringify(String(error.value).replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@'));
    problems.push(`${error.property}=${shown}: ${Object.values(error.constraints ?? {}).join('; ')}`);
  }
  if (production && env.JWT_SECRET === LOCAL_DEFAULTS.JWT_SECRET) {
    problems.push('JWT_SECRET must not be the development default in production');
  }
  if (production && env.WEBHOOK_ALLOW_PRIVATE === 'true') {
    problems.push(
      'WEBHOOK_ALLOW_PRIVATE=true is refused when NODE_ENV=production: webhooks could reach internal services',
    );
  }
  if (production && !env.METRICS_TOKEN && !env.METRICS_PORT) {
    problems.push(
      'METRICS_TOKEN is required when NODE_ENV=production (or METRICS_PORT, serving /metrics on an internal interface)',
    );
  }
  if (env.METRICS_TOKEN && env.METRICS_TOKEN.length < 16) {
    problems.push('METRICS_TOKEN=(hidden): must be at least 16 characters');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return env;
}

/** TRUST_PROXY as Fastify takes it. */
export function trustProxySetting(value: string): boolean | number | string[] {
  if (value === 'true' || value === 'false') return value === 'true';
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
}
