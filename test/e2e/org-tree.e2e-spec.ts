import { asAdmin, Headers, loginAs, unitId, userId } from '../support/actors';
import { ADMIN, eventually, TestApp, useTestApp } from '../support/test-app';

describe('org tree: merges and moves', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let minhXuan: string;
  let tanTrao: string;
  let tanTraoAdmin: Headers;

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    const province = await unitId(t, 'TCT-TUYENQUANG');
    const created = await t
      .http()
      .post('/api/v1/org-units')
      .set(admin)
      .send({
        name: 'Trung tâm Chính trị xã Tân Trào',
        code: 'TTCT-TANTRAO',
        type: 'commune_center',
        parentId: province,
      })
      .expect(201);
    tanTrao = created.body.id;
    minhXuan = await unitId(t, 'TTCT-MINHXUAN');
    const person = await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({ username: 'qtv.tantrao', fullName: 'Hà Văn Trào', password: 'mat-khau-tan-trao', orgUnitId: tanTrao })
      .expect(201);
    await t
      .http()
      .post(`/api/v1/users/${person.body.id}/roles`)
      .set(admin)
      .send({ role: 'school_admin', orgUnitId: tanTrao })
      .expect(201);
    tanTraoAdmin = await loginAs(t, 'qtv.tantrao', 'mat-khau-tan-trao');
  });

  it("merging a commune centre brings its people into the target's subtree queries", async () => {
    const learner = await userId(t, 'hv.minhxuan.1');
    const before = await t.http().get(`/api/v1/users?orgUnitId=${tanTrao}&limit=200`).set(tanTraoAdmin).expect(200);
    expect(before.body.items.map((u: { username: string }) => u.username)).toEqual(['qtv.tantrao']);
    await t.http().get(`/api/v1/users/${learner}`).set(tanTraoAdmin).expect(404);

    const merged = await t
      .http()
      .post(`/api/v1/org-units/${minhXuan}/merge`)
      .set(admin)
      .send({ intoId: tanTrao, effectiveFrom: '2025-07-01' })
      .expect(200);
    expect(merged.body).toMatchObject({
      kind: 'merged',
      status: 'applied',
      mergedIntoId: tanTrao,
      effectiveFrom: '2025-07-01',
    });

    const after = await t.http().get(`/api/v1/users?orgUnitId=${tanTrao}&limit=200`).set(tanTraoAdmin).expect(200);
    expect(after.body.items.map((u: { username: string }) => u.username)).toEqual(
      expect.arrayContaining(['qtv.tantrao', 'hv.minhxuan.1', 'hv.minhxuan.2', 'hv.minhxuan.3']),
    );
    await t.http().get(`/api/v1/users/${learner}`).set(tanTraoAdmin).expect(200);
    // The cells stay where history put them, and count under the target now.
    const cell = await t
      .http()
      .get(`/api/v1/org-units/${await unitId(t, 'CB-MINHXUAN-TDP1')}`)
      .set(tanTraoAdmin)
      .expect(200);
    expect(cell.body.parentId).toBe(minhXuan);

    const unit = await t.http().get(`/api/v1/org-units/${minhXuan}`).set(admin).expect(200);
    expect(unit.body).toMatchObject({ active: false, mergedIntoId: tanTrao, mergedOn: '2025-07-01' });

    const audit = await t
      .http()
      .get(`/api/v1/audit-log?action=org_unit.merged&targetId=${minhXuan}`)
      .set(admin)
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        action: 'org_unit.merged',
        targetId: minhXuan,
        details: expect.objectContaining({ mergedIntoId: tanTrao }),
      }),
    ]);

    for (const id of [minhXuan, tanTrao]) {
      const history = await t.http().get(`/api/v1/org-units/${id}/history`).set(admin).expect(200);
      expect(history.body.items).toContainEqual(
        expect.objectContaining({
          kind: 'merged',
          orgUnitId: minhXuan,
          mergedIntoId: tanTrao,
          effectiveFrom: '2025-07-01',
        }),
      );
    }
  });

  it('a merged unit refuses new children, people, moves and a second merge (409)', async () => {
    const child = await t
      .http()
      .post('/api/v1/org-units')
      .set(admin)
      .send({ name: 'Chi bộ mới', code: 'CB-MOI-SAU-SAP-NHAP', type: 'party_cell', parentId: minhXuan })
      .expect(409);
    expect(child.body.code).toBe('org_unit_inactive');
    await t
      .http()
      .post('/api/v1/users')
      .set(admin)
      .send({ username: 'nguoi.moi.mx', fullName: 'Người Mới', orgUnitId: minhXuan })
      .expect(409);
    await t
      .http()
      .post(`/api/v1/org-units/${minhXuan}/merge`)
      .set(admin)
      .send({ intoId: await unitId(t, 'TTCT-KINHBAC'), effectiveFrom: '2025-08-01' })
      .expect(409);
    await t
      .http()
      .post(`/api/v1/org-units/${await unitId(t, 'CB-KINHBAC-TIEUHOC')}/move`)
      .set(admin)
      .send({ newParentId: minhXuan, effectiveFrom: '2025-08-01' })
      .expect(409);
  });

  it('a move re-roots the subtree; a cycle is refused', async () => {
    const kinhBac = await unitId(t, 'TTCT-KINHBAC');
    const cell = await unitId(t, 'CB-KINHBAC-TIEUHOC');
    const cycle = await t
      .http()
      .post(`/api/v1/org-units/${kinhBac}/move`)
      .set(admin)
      .send({ newParentId: cell, effectiveFrom: '2025-08-01' })
      .expect(409);
    expect(cycle.body.code).toBe('org_unit_move_cycle');

    await t
      .http()
      .post(`/api/v1/org-units/${kinhBac}/move`)
      .set(admin)
      .send({ newParentId: tanTrao, effectiveFrom: '2025-08-01' })
      .expect(200);
    const moved = await t.http().get(`/api/v1/org-units/${cell}`).set(tanTraoAdmin).expect(200);
    expect(moved.body.path).toEqual(expect.arrayContaining([tanTrao, kinhBac, cell]));
    await t
      .http()
      .get(`/api/v1/users/${await userId(t, 'hv.kinhbac.2')}`)
      .set(tanTraoAdmin)
      .expect(200);
  });

  it('a change dated in the future is scheduled and applied on its day', async () => {
    const tdp = await unitId(t, 'CB-KINHBAC-DONGXUYEN');
    const scheduled = await t
      .http()
      .post(`/api/v1/org-units/${tdp}/merge`)
      .set(admin)
      .send({ intoId: tanTrao, effectiveFrom: '2099-01-01' })
      .expect(200);
    expect(scheduled.body.status).toBe('scheduled');
    const unit = await t.http().get(`/api/v1/org-units/${tdp}`).set(admin).expect(200);
    expect(unit.body.active).toBe(true);
    const [event] = await t.dataSource.query(
      `SELECT available_at FROM outbox_events WHERE topic = 'org-units.change-due'`,
    );
    expect(new Date(event.available_at).toISOString()).toBe('2098-12-31T17:00:00.000Z');

    // The day comes: the delayed event is due, the worker applies the merge.
    await t.dataSource.query(`UPDATE outbox_events SET available_at = now() WHERE topic = 'org-units.change-due'`);
    await eventually(async () => !(await t.http().get(`/api/v1/org-units/${tdp}`).set(admin)).body.active);
    const history = await t.http().get(`/api/v1/org-units/${tdp}/history`).set(admin).expect(200);
    expect(history.body.items).toContainEqual(expect.objectContaining({ kind: 'merged', status: 'applied' }));
  });

  it('refuses malformed input with the field named', async () => {
    const res = await t
      .http()
      .post(`/api/v1/org-units/${minhXuan}/move`)
      .set(admin)
      .send({ newParentId: 'khong-phai-uuid', effectiveFrom: '01/07/2025' })
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'effectiveFrom',
      'effectiveFrom',
      'newParentId',
    ]);
    const code = await t
      .http()
      .post('/api/v1/org-units')
      .set(admin)
      .send({ name: 'X', code: 'TTCT-TANTRAO', type: 'party_cell', parentId: tanTrao })
      .expect(409);
    expect(code.body.code).toBe('org_unit_code_taken');
  });
});

describe('PATCH /me', () => {
  const app = useTestApp();
  let t: TestApp;

  beforeAll(() => {
    t = app();
  });

  it('refuses roles or a unit (400 naming the field)', async () => {
    const me = await loginAs(t, 'hv.kinhbac.1');
    for (const body of [{ roles: [{ role: 'system_admin' }] }, { orgUnitId: await unitId(t, 'HVCTQG') }]) {
      const res = await t.http().patch('/api/v1/me').set(me).send(body).expect(400);
      expect(res.body.errors[0]).toEqual({ field: Object.keys(body)[0], message: 'trường này không được phép' });
    }
  });

  it('changes name and password; the old password and every old session stop working', async () => {
    const me = await loginAs(t, 'hv.kinhbac.3');
    const session = await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'hv.kinhbac.3', password: 'lyluan-demo-2026' })
      .expect(200);
    const wrong = await t
      .http()
      .patch('/api/v1/me')
      .set(me)
      .send({ password: { current: 'sai-mat-khau', new: 'mat-khau-moi-2026' } })
      .expect(400);
    expect(wrong.body.errors).toEqual([{ field: 'password.current', message: 'mật khẩu hiện tại không đúng' }]);
    const res = await t
      .http()
      .patch('/api/v1/me')
      .set(me)
      .send({ fullName: '  Phạm   Thu Trang ', password: { current: 'lyluan-demo-2026', new: 'mat-khau-moi-2026' } })
      .expect(200);
    expect(res.body.fullName).toBe('Phạm Thu Trang');
    await t
      .http()
      .post('/api/v1/auth/login')
      .send({ username: 'hv.kinhbac.3', password: 'lyluan-demo-2026' })
      .expect(401);
    await loginAs(t, 'hv.kinhbac.3', 'mat-khau-moi-2026');
    await t.http().post('/api/v1/auth/refresh').send({ refreshToken: session.body.refreshToken }).expect(401);
  });

  it('never returns a password hash', async () => {
    const bodies = [
      (
        await t
          .http()
          .get('/api/v1/me')
          .set(await loginAs(t, 'qtv.bacninh'))
      ).text,
      (
        await t
          .http()
          .get('/api/v1/users?limit=200')
          .set(await asAdmin(t))
      ).text,
      (await t.http().post('/api/v1/auth/login').send(ADMIN)).text,
    ];
    for (const body of bodies) expect(body).not.toMatch(/argon2|passwordHash|password_hash/);
  });
});
