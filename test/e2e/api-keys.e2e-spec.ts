import { Headers, loginAs, unitId } from '../support/actors';
import { TestApp, useTestApp } from '../support/test-app';

describe('API keys', () => {
  const app = useTestApp();
  let t: TestApp;
  let tqAdmin: Headers;

  beforeAll(async () => {
    t = app();
    tqAdmin = await loginAs(t, 'qtv.tuyenquang');
  });

  it('is shown once, stored hashed, works within its scopes, and stops when revoked', async () => {
    const province = await unitId(t, 'TCT-TUYENQUANG');
    const created = await t
      .http()
      .post('/api/v1/api-keys')
      .set(tqAdmin)
      .send({ name: 'Cổng thống kê', orgUnitId: province, scopes: ['org_units:read'] })
      .expect(201);
    const { key, prefix, id } = created.body;
    expect(key).toMatch(/^lyl_[0-9a-f]{12}_[A-Za-z0-9_-]{32}$/);
    expect(key.startsWith(prefix)).toBe(true);

    const [stored] = await t.dataSource.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [id]);
    expect(stored.key_hash).not.toContain(key);
    const listed = await t.http().get('/api/v1/api-keys').set(tqAdmin).expect(200);
    expect(listed.text).not.toContain(key);
    expect(listed.text).not.toContain(stored.key_hash);
    expect(listed.body.items[0]).toMatchObject({ id, prefix, scopes: ['org_units:read'], lastUsedAt: null });

    const withKey = { 'x-api-key': key };
    await t.http().get(`/api/v1/org-units/${province}`).set(withKey).expect(200);
    await t.http().get('/api/v1/users').set(withKey).expect(403);
    await t
      .http()
      .get(`/api/v1/org-units/${await unitId(t, 'TCT-BACNINH')}`)
      .set(withKey)
      .expect(404);
    const used = await t.http().get('/api/v1/api-keys').set(tqAdmin).expect(200);
    expect(used.body.items[0].lastUsedAt).not.toBeNull();

    const bnAdmin = await loginAs(t, 'qtv.bacninh');
    await t.http().delete(`/api/v1/api-keys/${id}`).set(bnAdmin).expect(404);
    await t.http().delete(`/api/v1/api-keys/${id}`).set(tqAdmin).expect(204);
    await t.http().delete(`/api/v1/api-keys/${id}`).set(tqAdmin).expect(204);
    const revoked = await t.http().get(`/api/v1/org-units/${province}`).set(withKey).expect(401);
    expect(revoked.body.code).toBe('unauthenticated');
  });

  it('refuses malformed or unknown keys and bad scopes', async () => {
    await t
      .http()
      .get('/api/v1/org-units')
      .set({ 'x-api-key': 'lyl_000000000000_' + 'a'.repeat(32) })
      .expect(401);
    await t.http().get('/api/v1/org-units').set({ 'x-api-key': 'not a key' }).expect(401);
    const bad = await t
      .http()
      .post('/api/v1/api-keys')
      .set(tqAdmin)
      .send({ name: 'x', orgUnitId: await unitId(t, 'TCT-TUYENQUANG'), scopes: ['admin:all'] })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('scopes');
  });
});
