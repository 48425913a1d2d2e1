import { DEMO_PASSWORD } from '../../src/seed/demo-tree';
import type { TestApp } from './test-app';

/** What a signed-in person sends with every request. */
export type Headers = { authorization: string };

/** Bearer headers of seeded people (the demo tree is seeded in every test database). */
export async function loginAs(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<Headers> {
  const res = await t.http().post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { authorization: `Bearer ${res.body.accessToken}` };
}

export async function unitId(t: TestApp, code: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM org_units WHERE code = $1`, [code]);
  if (!row) throw new Error(`no unit ${code}`);
  return row.id;
}

export async function userId(t: TestApp, username: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM users WHERE username = $1`, [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}

/** Bearer headers of the seeded system admin. */
export async function asAdmin(t: TestApp): Promise<Headers> {
  return { authorization: `Bearer ${await t.adminToken()}` };
}

/** The seeded, published party-awareness course (version 2022) that classes are opened on. */
export async function referenceCourseId(t: TestApp): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM courses WHERE version = '2022'`);
  if (!row) throw new Error('no reference course 2022');
  return row.id;
}

/** A person made by an import signs in with the activation code it issued (and a password of their own). */
export async function activate(t: TestApp, username: string): Promise<Headers> {
  const [row] = await t.dataSource.query(
    `SELECT a.code_plain FROM activation_codes a JOIN users u ON u.id = a.user_id WHERE u.username = $1`,
    [username],
  );
  await t
    .http()
    .post('/api/v1/auth/activate')
    .send({ username, code: row.code_plain, newPassword: 'mat-khau-hoc-vien' })
    .expect(204);
  return loginAs(t, username, 'mat-khau-hoc-vien');
}
