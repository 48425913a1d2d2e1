import * as jose from 'jose';
import * as yauzl from 'yauzl';
import { decodeStatusList } from '../../src/modules/certificates/credentials/status-list';
import { todayIn } from '../../src/common/calendar';
import { OutboxService } from '../../src/queue/outbox.service';
import { activate, asAdmin, Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { createClass, openClass } from '../support/classes';
import { certificatesOf, runClass, saveSettings, SETTINGS } from '../support/certificates';
import { eventually, TestApp, useTestApp } from '../support/test-app';
import { binary } from '../support/binary';

const PROBLEM = /application\/problem\+json/;

const people = (prefix: string, n: number) =>
  ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Lê Thị Ánh', 'Phạm Quốc Việt', 'Hoàng Thị Thủy']
    .slice(0, n)
    .map((fullName, i) => ({ username: `${prefix}.${i + 1}`, fullName, dateOfBirth: `199${i}-0${i + 1}-1${i}` }));

function zipEntries(buffer: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const names: string[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName);
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('certificates: issued on completion, one per learner and programme', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let schoolAdmin: Headers;
  let otherAdmin: Headers;
  let courseId: string;
  let tuyenQuang: string;
  let closed: { classId: string; enrollmentOf: Record<string, string> };
  let issued: { id: string; serial: string; verificationCode: string; learner: { fullName: string } }[];

  beforeAll(async () => {
    t = app();
    admin = await asAdmin(t);
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    otherAdmin = await loginAs(t, 'qtv.bacninh');
    courseId = await referenceCourseId(t);
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    await saveSettings(t, schoolAdmin, 'TCT-TUYENQUANG');
    const [a, b, c, d, e] = people('gcn.a', 5);
    closed = await runClass(t, schoolAdmin, { courseId, orgUnitId: tuyenQuang }, [
      { ...a, outcome: 'present' },
      { ...b, outcome: 'present' },
      { ...c, outcome: 'present' },
      { ...d, outcome: 'absent' },
      { ...e, outcome: 'withdrawn' },
    ]);
    issued = await certificatesOf(t, schoolAdmin, closed.classId, 3);
  });

  it('closing a class with 3 completed, 1 failed, 1 withdrawn issues exactly 3, serials unique in unit and year', async () => {
    const year = todayIn('Asia/Ho_Chi_Minh').slice(0, 4);
    expect(issued.map((c) => c.serial).sort()).toEqual(
      [1, 2, 3].map((n) => `TCT-TUYENQUANG/${year}/${String(n).padStart(6, '0')}`),
    );
    expect(issued.map((c) => c.learner.fullName).sort()).toEqual(
      ['Lê Thị Ánh', 'Nguyễn Thị Hồng Nhung', 'Trần Văn Đức'].sort(),
    );
    const rows = await t.dataSource.query(`SELECT enrollment_id FROM certificates WHERE class_id = $1`, [
      closed.classId,
    ]);
    expect(rows.map((r: { enrollment_id: string }) => r.enrollment_id).sort()).toEqual(
      ['gcn.a.1', 'gcn.a.2', 'gcn.a.3'].map((u) => closed.enrollmentOf[u]).sort(),
    );
    const [one] = issued;
    const full = await t.http().get(`/api/v1/certificates/${one.id}`).set(schoolAdmin).expect(200);
    expect(full.body).toMatchObject({
      status: 'valid',
      program: { code: expect.any(String), name: expect.any(String) },
      signer: { name: SETTINGS.signerName, title: SETTINGS.signerTitle, authority: SETTINGS.signerAuthority },
      issuer: { orgUnitId: tuyenQuang, code: 'TCT-TUYENQUANG', headerLines: SETTINGS.headerLines },
      place: SETTINGS.place,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      pdfReady: true,
    });
    expect(full.body.verificationCode).toMatch(/^[A-Za-z0-9_-]{24}$/);
  });

  it('the same completion events delivered again leave one certificate each', async () => {
    const outbox = t.app.get(OutboxService);
    const payloads = Object.values(closed.enrollmentOf).map((enrollmentId) => ({
      enrollmentId,
      classId: closed.classId,
      unmet: [],
    }));
    await t.dataSource.transaction((em) => outbox.publishMany(em, 'enrollment.completed', payloads));
    await eventually(async () => {
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox_events WHERE subscriber = 'certificates.issue-on-completion' AND status <> 'done'`,
      );
      return n === 0;
    });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE class_id = $1`, [
      closed.classId,
    ]);
    expect(n).toBe(3);
  });

  it('two concurrent POST /enrollments/:id/certificate racing the job leave one certificate', async () => {
    const [a] = people('gcn.race', 1);
    const race = await runClass(t, schoolAdmin, { courseId, orgUnitId: tuyenQuang }, [{ ...a, outcome: 'present' }], {
      close: false,
    });
    await t.http().post(`/api/v1/classes/${race.classId}/close`).set(schoolAdmin).expect(200);
    const enrollmentId = race.enrollmentOf[a.username];
    const answers = await Promise.all(
      [1, 2].map(() => t.http().post(`/api/v1/enrollments/${enrollmentId}/certificate`).set(schoolAdmin)),
    );
    expect(answers.map((r) => r.status).every((s) => s === 200 || s === 201)).toBe(true);
    expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE enrollment_id = $1`, [
      enrollmentId,
    ]);
    expect(n).toBe(1);
    const again = await t.http().post(`/api/v1/enrollments/${enrollmentId}/certificate`).set(schoolAdmin).expect(200);
    expect(again.body.id).toBe(answers[0].body.id);
  });

  it('refuses to issue for an enrolment that is not completed, and hides other units’ enrolments', async () => {
    const failed = closed.enrollmentOf['gcn.a.4'];
    const res = await t.http().post(`/api/v1/enrollments/${failed}/certificate`).set(schoolAdmin).expect(409);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(res.body.code).toBe('enrollment_not_completed');
    await t
      .http()
      .post(`/api/v1/enrollments/${closed.enrollmentOf['gcn.a.1']}/certificate`)
      .set(otherAdmin)
      .expect(404);
    const learner = await loginAs(t, 'hv.minhxuan.1');
    await t.http().post(`/api/v1/enrollments/${failed}/certificate`).set(learner).expect(403);
    await t.http().post(`/api/v1/enrollments/not-a-uuid/certificate`).set(schoolAdmin).expect(400);
  });

  it('a second class of the same programme completed by the same learner adds none', async () => {
    const [a] = people('gcn.a', 1);
    const second = {
      classId: (
        await createClass(t, schoolAdmin, {
          courseId,
          orgUnitId: tuyenQuang,
          mode: 'in_person',
          requireFinalExam: false,
        })
      ).id,
    };
    await openClass(t, schoolAdmin, second.classId);
    const [{ id: userId }] = await t.dataSource.query(`SELECT id FROM users WHERE username = $1`, [a.username]);
    await t.http().post(`/api/v1/classes/${second.classId}/enrollments`).set(schoolAdmin).send({ userId }).expect(201);
    await t.http().post(`/api/v1/classes/${second.classId}/close`).set(schoolAdmin).expect(200);
    const [enrollment] = await t.dataSource.query(`SELECT id, status FROM enrollments WHERE class_id = $1`, [
      second.classId,
    ]);
    expect(enrollment.status).toBe('completed');
    const keep = await t.http().post(`/api/v1/enrollments/${enrollment.id}/certificate`).set(schoolAdmin).expect(200);
    expect(keep.body.class.id).toBe(closed.classId);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM certificates WHERE user_id = $1`, [
      userId,
    ]);
    expect(n).toBe(1);
  });

  it('serves the stored PDF and a ZIP of the class', async () => {
    const pdf = await t
      .http()
      .get(`/api/v1/certificates/${issued[0].id}/pdf`)
      .set(schoolAdmin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const zip = await t
      .http()
      .get(`/api/v1/classes/${closed.classId}/certificates.zip`)
      .set(schoolAdmin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect((await zipEntries(zip.body as Buffer)).sort()).toEqual(
      issued.map((c) => `${c.serial.replace(/\//g, '-')}.pdf`).sort(),
    );
  });

  it('verifies by code: HTML for browsers, JSON on request, 404 for unknown codes', async () => {
    const { verificationCode, learner } = issued[0];
    const html = await t.http().get(`/verify/${verificationCode}`).expect(200);
    expect(html.headers['content-type']).toMatch(/text\/html/);
    expect(html.text).toContain(learner.fullName);
    expect(html.text).toContain('Còn hiệu lực');
    const json = await t.http().get(`/verify/${verificationCode}`).set('accept', 'application/json').expect(200);
    expect(json.body).toMatchObject({
      status: 'valid',
      content: { learner: { fullName: learner.fullName }, serial: issued[0].serial },
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const unknown = await t
      .http()
      .get(`/verify/${'A'.repeat(24)}`)
      .set('accept', 'application/json')
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(PROBLEM);
    await t.http().get('/verify/short').expect(404);
    const page = await t
      .http()
      .get(`/verify/${'B'.repeat(24)}`)
      .expect(404);
    expect(page.text).toContain('Không tìm thấy');
  });

  it('revoke and reissue keep every row, are audited with reasons, and the old code says so', async () => {
    const [, second, third] = issued;
    const revoked = await t
      .http()
      .post(`/api/v1/certificates/${second.id}/revoke`)
      .set(schoolAdmin)
      .send({ reason: 'Cấp nhầm người' })
      .expect(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revocationReason: 'Cấp nhầm người' });
    await t
      .http()
      .post(`/api/v1/certificates/${second.id}/revoke`)
      .set(schoolAdmin)
      .send({ reason: 'Lần nữa' })
      .expect(409);
    const revokedPage = await t.http().get(`/verify/${second.verificationCode}`).expect(200);
    expect(revokedPage.text).toContain('Cấp nhầm người');

    const reissued = await t
      .http()
      .post(`/api/v1/certificates/${third.id}/reissue`)
      .set(schoolAdmin)
      .send({ reason: 'Bản cũ bị hỏng' })
      .expect(201);
    expect(reissued.body).toMatchObject({ status: 'valid', replacesId: third.id });
    expect(reissued.body.serial).not.toBe(third.serial);
    expect(reissued.body.verificationCode).not.toBe(third.verificationCode);
    const old = await t.http().get(`/verify/${third.verificationCode}`).set('accept', 'application/json').expect(200);
    expect(old.body).toMatchObject({ status: 'superseded', supersededReason: 'Bản cũ bị hỏng' });
    const rows = await t.dataSource.query(`SELECT id, status FROM certificates WHERE id = ANY($1) ORDER BY status`, [
      [second.id, third.id, reissued.body.id],
    ]);
    expect(rows.map((r: { status: string }) => r.status)).toEqual(['revoked', 'superseded', 'valid']);
    const audit = await t.dataSource.query(
      `SELECT action, details->>'reason' AS reason FROM audit_log WHERE target_id = ANY($1) ORDER BY seq`,
      [[second.id, third.id, reissued.body.id]],
    );
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'certificate.revoked', reason: 'Cấp nhầm người' },
        { action: 'certificate.reissued', reason: 'Bản cũ bị hỏng' },
        { action: 'certificate.issued', reason: 'Bản cũ bị hỏng' },
      ]),
    );
    const blank = await t
      .http()
      .post(`/api/v1/certificates/${issued[0].id}/revoke`)
      .set(schoolAdmin)
      .send({})
      .expect(400);
    expect(blank.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
  });

  it('the signed credential verifies against the served JWKS, fails when a byte changes, and follows revocation', async () => {
    const target = issued[0];
    const res = await t.http().get(`/api/v1/certificates/${target.id}/credential`).set(schoolAdmin).expect(200);
    expect(res.headers['content-type']).toMatch(/application\/jwt/);
    const jwt = res.text;
    const jwks = await t.http().get('/.well-known/jwks.json').expect(200);
    const keys = jose.createLocalJWKSet(jwks.body);
    const { payload, protectedHeader } = await jose.jwtVerify(jwt, keys);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    const did = await t.http().get('/.well-known/did.json').expect(200);
    expect(payload.iss).toBe(did.body.id);
    expect(payload).toMatchObject({
      type: expect.arrayContaining(['VerifiableCredential', 'OpenBadgeCredential']),
      credentialSubject: { achievement: { name: expect.any(String) } },
    });
    const [head, body, signature] = jwt.split('.');
    const bytes = Buffer.from(body, 'base64url');
    bytes[10] ^= 1;
    await expect(jose.jwtVerify(`${head}.${bytes.toString('base64url')}.${signature}`, keys)).rejects.toThrow();

    const status = (payload as { credentialStatus: { statusListCredential: string; statusListIndex: string } })
      .credentialStatus;
    const bit = async () => {
      const url = new URL(status.statusListCredential);
      const list = await t.http().get(url.pathname).expect(200);
      const { payload: listPayload } = await jose.jwtVerify(list.text, keys);
      const subject = (listPayload as { credentialSubject: { encodedList: string } }).credentialSubject;
      return decodeStatusList(subject.encodedList)(Number(status.statusListIndex));
    };
    expect(await bit()).toBe(false);
    await t
      .http()
      .post(`/api/v1/certificates/${target.id}/revoke`)
      .set(schoolAdmin)
      .send({ reason: 'Thử thu hồi' })
      .expect(200);
    expect(await bit()).toBe(true);
    await t.http().get(`/api/v1/certificates/${target.id}/credential`).set(otherAdmin).expect(404);
  });

  it('another unit’s admin gets 404 on every certificate route; a learner sees only their own', async () => {
    const id = issued[0].id;
    const routes: [string, string, object?][] = [
      ['get', `/api/v1/certificates/${id}`],
      ['get', `/api/v1/certificates/${id}/pdf`],
      ['get', `/api/v1/certificates/${id}/credential`],
      ['get', `/api/v1/classes/${closed.classId}/certificates`],
      ['get', `/api/v1/classes/${closed.classId}/certificates.zip`],
      ['post', `/api/v1/certificates/${id}/revoke`, { reason: 'thử quyền' }],
      ['post', `/api/v1/certificates/${id}/reissue`, { reason: 'thử quyền' }],
      ['get', `/api/v1/org-units/${tuyenQuang}/certificate-settings`],
      ['put', `/api/v1/org-units/${tuyenQuang}/certificate-settings`, SETTINGS],
    ];
    for (const [method, path, body] of routes) {
      const req = (t.http() as unknown as Record<string, (p: string) => ReturnType<ReturnType<TestApp['http']>['get']>>)
        [method](path)
        .set(otherAdmin);
      const res = await (body ? req.send(body) : req);
      expect([path, res.status]).toEqual([path, 404]);
    }
    const idsOf = async (username: string) =>
      (
        await t.dataSource.query(
          `SELECT c.id FROM certificates c JOIN users u ON u.id = c.user_id WHERE u.username = $1 ORDER BY c.status_index`,
          [username],
        )
      ).map((row: { id: string }) => row.id as string);
    const own = await idsOf('gcn.a.1');
    const [other] = await idsOf('gcn.a.2');
    const holder = own[own.length - 1];
    const learner = await activate(t, 'gcn.a.1');
    const mine = await t.http().get('/api/v1/me/certificates').set(learner).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual(own);
    await t.http().get(`/api/v1/certificates/${holder}`).set(learner).expect(200);
    await t.http().get(`/api/v1/certificates/${holder}/pdf`).set(learner).expect(200);
    await t.http().get(`/api/v1/certificates/${other}`).set(learner).expect(404);
    await t.http().get(`/api/v1/classes/${closed.classId}/certificates`).set(learner).expect(403);
    await t.http().get(`/api/v1/certificates/${holder}`).set(admin).expect(200);
  });
});

describe('certificates: issuing settings', () => {
  const app = useTestApp();
  let t: TestApp;
  let bacNinhAdmin: Headers;
  let courseId: string;

  beforeAll(async () => {
    t = app();
    bacNinhAdmin = await loginAs(t, 'qtv.bacninh');
    courseId = await referenceCourseId(t);
  });

  it('refuses malformed settings naming the field, and a learner or instructor', async () => {
    const unit = await unitId(t, 'TCT-BACNINH');
    const put = (body: object, as = bacNinhAdmin) =>
      t.http().put(`/api/v1/org-units/${unit}/certificate-settings`).set(as).send(body);
    for (const [change, field] of [
      [{ serialPattern: '{year}/{seq}' }, 'serialPattern'],
      [{ serialPattern: '{unitCode}/{year}/{seq}/{nonsense}' }, 'serialPattern'],
      [{ headerLines: [] }, 'headerLines'],
      [{ signerName: '   ' }, 'signerName'],
      [{ place: 42 }, 'place'],
    ] as const) {
      const res = await put({ ...SETTINGS, ...change }).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    await put(SETTINGS, await loginAs(t, 'gv.bacninh')).expect(403);
    await put(SETTINGS, await loginAs(t, 'hv.kinhbac.1')).expect(403);
    await t.http().get(`/api/v1/org-units/${unit}/certificate-settings`).set(bacNinhAdmin).expect(409);
  });

  it('without settings certificates wait as pending; saving settings issues them; children inherit', async () => {
    const kinhBac = await unitId(t, 'TTCT-KINHBAC');
    const [a, b] = people('gcn.bn', 2);
    const run = await runClass(t, bacNinhAdmin, { courseId, orgUnitId: kinhBac }, [
      { ...a, outcome: 'present' },
      { ...b, outcome: 'present' },
    ]);
    const pending = await certificatesOf(t, bacNinhAdmin, run.classId, 2, 'pending');
    expect(pending[0]).toMatchObject({
      serial: null,
      verificationCode: null,
      learner: { fullName: expect.any(String) },
    });
    await saveSettings(t, bacNinhAdmin, 'TCT-BACNINH', {
      place: 'Bắc Ninh',
      serialPattern: 'GCN-{unitCode}-{year}-{seq:0000}',
    });
    const inherited = await t
      .http()
      .get(`/api/v1/org-units/${kinhBac}/certificate-settings`)
      .set(bacNinhAdmin)
      .expect(200);
    expect(inherited.body).toMatchObject({
      orgUnitId: kinhBac,
      inheritedFromOrgUnitId: await unitId(t, 'TCT-BACNINH'),
    });
    const valid = await certificatesOf(t, bacNinhAdmin, run.classId, 2);
    const year = todayIn('Asia/Ho_Chi_Minh').slice(0, 4);
    expect(valid.map((c: { serial: string }) => c.serial).sort()).toEqual([
      `GCN-TTCT-KINHBAC-${year}-0001`,
      `GCN-TTCT-KINHBAC-${year}-0002`,
    ]);
    expect(valid.map((c: { id: string }) => c.id).sort()).toEqual(pending.map((c: { id: string }) => c.id).sort());
    expect(valid[0]).toMatchObject({ place: 'Bắc Ninh' });
  });
});
