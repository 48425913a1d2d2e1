import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { PRIMARY_APPLICATION_NAME, REPLICA_APPLICATION_NAME } from '../../src/database/data-source-options';
import { asAdmin, Headers, unitId } from '../support/actors';
import { TcpProxy } from '../support/tcp-proxy';
import { databaseUrl } from '../support/test-databases';
import { createTestDatabase, dropTestResources, startTestApp, TestApp } from '../support/test-app';

const TOKEN = 'scraper-token-0123456789';

interface Sent {
  sql: string;
  applicationName: string;
}

/**
 * DATABASE_READ_URL names the test database itself through a TCP proxy (a stand-in for a replica
 * the test can stop): which pool each statement went through is its connection's application_name.
 */
describe('Read replica: statistics on DATABASE_READ_URL, writes on the primary', () => {
  let t: TestApp;
  let proxy: TcpProxy;
  let admin: Headers;
  let unit: string;
  let program: string;
  const sent: Sent[] = [];
  const query = PostgresQueryRunner.prototype.query;

  beforeAll(async () => {
    const database = await createTestDatabase();
    const primary = new URL(databaseUrl(database));
    proxy = new TcpProxy(primary.hostname, Number(primary.port || 5432));
    const read = new URL(primary);
    read.port = String(await proxy.start());
    t = await startTestApp({
      database,
      env: { DATABASE_READ_URL: read.toString(), PROCESS_ROLE: 'api', METRICS_TOKEN: TOKEN },
    });
    admin = await asAdmin(t);
    unit = await unitId(t, 'TCT-BACNINH');
    [{ id: program }] = await t.dataSource.query(`SELECT program_id AS id FROM courses WHERE version = '2022'`);
    jest.spyOn(PostgresQueryRunner.prototype, 'query').mockImplementation(async function (
      this: PostgresQueryRunner,
      ...args: Parameters<typeof query>
    ) {
      const connection = (await this.connect()) as { connectionParameters: { application_name: string } };
      sent.push({ sql: args[0], applicationName: connection.connectionParameters.application_name });
      return query.apply(this, args);
    });
  });

  afterAll(async () => {
    jest.restoreAllMocks();
    await t?.close();
    await proxy?.cut();
    if (t) await dropTestResources(t.env, t.database);
  });

  /** The statements `action` sent that touch `table`, by the pool they went through. */
  const poolsOf = async (table: RegExp, action: () => Promise<unknown>) => {
    sent.length = 0;
    await action();
    return [...new Set(sent.filter((s) => table.test(s.sql)).map((s) => s.applicationName))];
  };

  const putPlan = (plannedClasses: number) =>
    t
      .http()
      .put(`/api/v1/org-units/${unit}/plans/2026`)
      .set(admin)
      .send({ items: [{ programId: program, plannedClasses, plannedLearners: 100 }] })
      .expect(200);

  it('reads completion, plans and clusters from the replica, and shows both pools in pg_stat_activity', async () => {
    const stats = () => t.http().get('/api/v1/stats/completion').query({ orgUnitId: unit }).set(admin).expect(200);
    expect(await poolsOf(/stats_completion_counters/, stats)).toEqual([REPLICA_APPLICATION_NAME]);
    expect(await poolsOf(/\borg_units\b/, stats)).toContain(REPLICA_APPLICATION_NAME);
    const plans = () =>
      t.http().get('/api/v1/stats/plans').query({ orgUnitId: unit, year: 2026 }).set(admin).expect(200);
    expect(await poolsOf(/stats_plans/, plans)).toEqual([REPLICA_APPLICATION_NAME]);
    const clusters = () => t.http().get('/api/v1/stats/clusters').set(admin).expect(200);
    expect(await poolsOf(/stats_clusters/, clusters)).toEqual([REPLICA_APPLICATION_NAME]);
    const names: { application_name: string }[] = await t.dataSource.query(
      `SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = current_database()`,
    );
    expect(names.map((n) => n.application_name)).toEqual(
      expect.arrayContaining([PRIMARY_APPLICATION_NAME, REPLICA_APPLICATION_NAME]),
    );
  });

  it('writes on the primary and answers a write with what the primary holds', async () => {
    expect(await poolsOf(/stats_plans/, () => putPlan(7))).toEqual([PRIMARY_APPLICATION_NAME]);
    const written = await poolsOf(/^(INSERT|UPDATE|DELETE)/i, () => putPlan(8));
    expect(written).toEqual([PRIMARY_APPLICATION_NAME]);
  });

  it('reports the replica in /metrics: up, no lag (the stand-in is no standby)', async () => {
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.text).toMatch(/^lyluan_replica_up 1$/m);
    expect(res.text).toMatch(/^lyluan_replica_lag_seconds 0$/m);
  });

  it('with the replica gone reads statistics from the primary, writes still work, /metrics says it is down', async () => {
    await proxy.cut();
    const stats = () => t.http().get('/api/v1/stats/completion').query({ orgUnitId: unit }).set(admin).expect(200);
    expect(await poolsOf(/stats_completion_counters/, stats)).toEqual([PRIMARY_APPLICATION_NAME]);
    const saved = await putPlan(9);
    expect(saved.body.total.plannedClasses).toBe(9);
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.text).toMatch(/^lyluan_replica_up 0$/m);
    expect(res.text).toMatch(/^lyluan_replica_lag_seconds nan$/im);
  });
});
