import { ConfigError, loadEnvironment, trustProxySetting } from './environment';

describe('loadEnvironment', () => {
  it('runs a fresh clone with local defaults outside production', () => {
    const env = loadEnvironment({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PROCESS_ROLE: 'all',
      PORT: 3000,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/lyluan',
      REDIS_URL: 'redis://127.0.0.1:6379',
      SEED_ADMIN_USERNAME: 'admin',
    });
  });

  it('names every bad variable in one error', () => {
    let error: unknown;
    try {
      loadEnvironment({ PORT: 'abc', PROCESS_ROLE: 'both', JOB_MAX_ATTEMPTS: '0' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT="abc"');
    expect(problems).toContain('PROCESS_ROLE="both"');
    expect(problems).toContain('JOB_MAX_ATTEMPTS="0"');
  });

  it('requires secrets and URLs in production, and never the development JWT secret', () => {
    expect(() => loadEnvironment({ NODE_ENV: 'production' })).toThrow(
      /JWT_SECRET is required when NODE_ENV=production/,
    );
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app:pw@db:5432/lyluan',
      REDIS_URL: 'redis://redis:6379',
      PUBLIC_BASE_URL: 'https://lyluan.example.vn',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      STORAGE_DIR: '/data',
      SEED_ADMIN_USERNAME: 'quantri',
      SEED_ADMIN_PASSWORD: 'mat-khau-dai-du',
      METRICS_TOKEN: 'a-scraper-token-long-enough',
    };
    expect(loadEnvironment(production).JWT_SECRET).toBe(production.JWT_SECRET);
    expect(() => loadEnvironment({ ...production, JWT_SECRET: 'lyluan-local-development-secret-change-me' })).toThrow(
      /must not be the development default/,
    );
    expect(loadEnvironment(production).WEBHOOK_ALLOW_PRIVATE).toBe('false');
    expect(() => loadEnvironment({ ...production, WEBHOOK_ALLOW_PRIVATE: 'true' })).toThrow(
      /WEBHOOK_ALLOW_PRIVATE=true is refused when NODE_ENV=production/,
    );
    expect(loadEnvironment({ WEBHOOK_ALLOW_PRIVATE: 'true' }).WEBHOOK_ALLOW_PRIVATE).toBe('true');
  });

  it('guards /metrics in production: a token, or a port of its own', () => {
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://app:pw@db:5432/lyluan',
      REDIS_URL: 'redis://redis:6379',
      PUBLIC_BASE_URL: 'https://lyluan.example.vn',
      JWT_SECRET: 'a-production-secret-of-at-least-32-chars',
      STORAGE_DIR: '/data',
      SEED_ADMIN_USERNAME: 'quantri',
      SEED_ADMIN_PASSWORD: 'mat-khau-dai-du',
    };
    expect(() => loadEnvironment(production)).toThrow(/METRICS_TOKEN is required when NODE_ENV=production/);
    expect(loadEnvironment({ ...production, METRICS_PORT: '9464' }).METRICS_HOST).toBe('127.0.0.1');
    expect(loadEnvironment({ ...production, METRICS_TOKEN: 'x'.repeat(16) }).METRICS_PORT).toBe(0);
    expect(() => loadEnvironment({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN=\(hidden\): must be at least 16/);
    expect(loadEnvironment({}).METRICS_TOKEN).toBe('');
  });

  it('hides secrets and URL passwords in its messages', () => {
    try {
      loadEnvironment({ JWT_SECRET: 'short', DATABASE_URL: 'mysql://user:hunter2@db/x' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const text = (error as Error).message;
      expect(text).toContain('JWT_SECRET=(hidden)');
      expect(text).not.toContain('short');
      expect(text).not.toContain('hunter2');
      expect(text).toContain('user:***@');
    }
  });
});

describe('trustProxySetting', () => {
  it('reads booleans, hop counts and address lists', () => {
    expect(trustProxySetting('false')).toBe(false);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('loopback, 10.0.0.0/8')).toEqual(['loopback', '10.0.0.0/8']);
  });
});
