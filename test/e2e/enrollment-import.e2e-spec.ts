import { Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { createClass as createClassAs, enrol } from '../support/classes';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const HEADER = 'username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate';

const csvOf = (rows: string[]) => Buffer.from(`\ufeff${[HEADER, ...rows].join('\r\n')}\r\n`, 'utf8');

describe('POST /classes/:id/enrollments/import', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;
  let courseId: string;
  let orgUnitId: string;
  let classes = 0;

  beforeAll(async () => {
    t = app();
    admin = await loginAs(t, 'qtv.tuyenquang');
    courseId = await referenceCourseId(t);
    orgUnitId = await unitId(t, 'TCT-TUYENQUANG');
  });

  async function createClass(capacity?: number): Promise<string> {
    classes++;
    const created = await createClassAs(t, admin, {
      courseId,
      orgUnitId,
      code: `NHAP-${classes}`,
      title: `Lớp nhập danh sách ${classes}`,
      startsOn: '2026-09-01',
      endsOn: '2026-09-30',
      mode: 'in_person',
      enrollmentPolicy: 'closed',
      ...(capacity ? { capacity } : {}),
    });
    return created.id as string;
  }

  async function importFile(classId: string, csv: Buffer, as = admin) {
    const accepted = await t
      .http()
      .post(`/api/v1/classes/${classId}/enrollments/import`)
      .set(as)
      .attach('file', csv, 'danh-sach-lop.csv')
      .expect(202);
    const importId = accepted.body.importId as string;
    const result = await eventually(async () => {
      const res = await t.http().get(`/api/v1/imports/${importId}`).set(as).expect(200);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    }, 30_000);
    return { importId, result };
  }

  async function counts(classId: string) {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM enrollments WHERE class_id = $1) AS enrollments,
              (SELECT count(*)::int FROM users) AS users,
              (SELECT count(DISTINCT event_id)::int FROM outbox_events WHERE topic = 'enrollment.progress_changed') AS events`,
      [classId],
    );
    return row as { enrollments: number; users: number; events: number };
  }

  async function enrolments(classId: string) {
    const rows: { username: string; status: string; source: string }[] = await t.dataSource.query(
      `SELECT u.username, e.status, e.source FROM enrollments e JOIN users u ON u.id = e.user_id
        WHERE e.class_id = $1 ORDER BY u.username`,
      [classId],
    );
    return rows;
  }

  it('enrols new and known people, reports bad lines, and the same file again changes nothing', async () => {
    const classId = await createClass();
    // Already active (stays as it is) and withdrawn (made active again by the import).
    await enrol(t, admin, classId, ['hv.minhxuan.2', 'hv.minhxuan.3']);
    const [{ id: withdrawn }] = await t.dataSource.query(
      `SELECT e.id FROM enrollments e JOIN users u ON u.id = e.user_id WHERE u.username = 'hv.minhxuan.3' AND e.class_id = $1`,
      [classId],
    );
    await t.http().patch(`/api/v1/enrollments/${withdrawn}`).set(admin).send({ status: 'withdrawn' }).expect(200);

    const csv = csvOf([
      'hv.minhxuan.1,Lý Thị Mai,,,,,',
      'ghidanh.moi.1,Nguyễn Văn Mới,1995-03-04,moi1@example.vn,0912 111 222,candidate,',
      'ghidanh.moi.2,"Trần Thị Hai, Minh Xuân",,,,probationary,2025-06-01',
      'ghidanh.thieu.ten,,,,,,',
      'ghidanh.sai.ngay,Sai Ngày Sinh,1990-02-30,,,,',
      'GHIDANH.MOI.1,Trùng Tên Đăng Nhập,,,,,',
      'ghidanh.dang,Lạ Trạng Thái,,,,dang_vien,',
      'hv.kinhbac.1,Ngô Thị Hường,,,,,',
      'hv.minhxuan.2,Đặng Quốc Khánh,,,,,',
      'hv.minhxuan.3,Ma Văn Tuấn,,,,,',
    ]);
    const before = await counts(classId);
    const { importId, result } = await importFile(classId, csv);
    expect(result).toMatchObject({
      kind: 'enrollments',
      status: 'done',
      total: 10,
      processed: 10,
      succeeded: 5,
      created: 4,
      failed: 5,
    });
    const reasons: Record<number, string> = {
      5: 'fullName',
      6: 'dateOfBirth',
      7: 'username: trùng với dòng 3',
      8: 'partyStatus',
      9: 'tên đăng nhập "hv.kinhbac.1" đã được dùng',
    };
    expect(result.errors.map((e: { row: number }) => e.row)).toEqual([5, 6, 7, 8, 9]);
    for (const error of result.errors) expect(error.message).toContain(reasons[error.row]);
    const [{ subject_id }] = await t.dataSource.query(`SELECT subject_id FROM imports WHERE id = $1`, [importId]);
    expect(subject_id).toBe(classId);

    expect(await enrolments(classId)).toEqual([
      { username: 'ghidanh.moi.1', status: 'active', source: 'import' },
      { username: 'ghidanh.moi.2', status: 'active', source: 'import' },
      { username: 'hv.minhxuan.1', status: 'active', source: 'import' },
      { username: 'hv.minhxuan.2', status: 'active', source: 'admin' },
      { username: 'hv.minhxuan.3', status: 'active', source: 'import' },
    ]);
    const after = await counts(classId);
    expect(after).toEqual({
      enrollments: before.enrollments + 3,
      users: before.users + 2,
      events: before.events + 4,
    });

    // New people are learners of the class's unit, with activation codes for the uploader.
    const newcomers = await t.dataSource.query(
      `SELECT u.username, u.full_name, u.org_unit_id, r.role, r.org_unit_id AS role_unit
         FROM users u JOIN role_assignments r ON r.user_id = u.id
        WHERE u.username LIKE 'ghidanh.%' ORDER BY u.username`,
    );
    expect(newcomers).toEqual([
      {
        username: 'ghidanh.moi.1',
        full_name: 'Nguyễn Văn Mới',
        org_unit_id: orgUnitId,
        role: 'learner',
        role_unit: orgUnitId,
      },
      {
        username: 'ghidanh.moi.2',
        full_name: 'Trần Thị Hai, Minh Xuân',
        org_unit_id: orgUnitId,
        role: 'learner',
        role_unit: orgUnitId,
      },
    ]);
    const codes = await t.http().get(`/api/v1/imports/${importId}/activation-codes.csv`).set(admin).expect(200);
    const lines = codes.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['ghidanh.moi.1', 'ghidanh.moi.2']);

    const again = await importFile(classId, csv);
    expect(again.result).toMatchObject({ status: 'done', succeeded: 5, created: 0, failed: 5 });
    expect(await counts(classId)).toEqual(after);
  });

  it('never goes over capacity: the rows past it are refused and create nobody', async () => {
    const classId = await createClass(3);
    const rows = [1, 2, 3, 4, 5].map((i) => `ghidanh.cho.${i},Người Chờ ${i},,,,,`);
    const { result } = await importFile(classId, csvOf(rows));
    expect(result).toMatchObject({ status: 'done', total: 5, succeeded: 3, created: 3, failed: 2 });
    expect(result.errors).toEqual([
      { row: 5, message: 'lớp đã đủ 3 học viên' },
      { row: 6, message: 'lớp đã đủ 3 học viên' },
    ]);
    expect((await enrolments(classId)).map((e) => [e.username, e.status])).toEqual([
      ['ghidanh.cho.1', 'active'],
      ['ghidanh.cho.2', 'active'],
      ['ghidanh.cho.3', 'active'],
    ]);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE username LIKE 'ghidanh.cho.%'`,
    );
    expect(count).toBe(3);
  });

  it('refuses other units, learners, closed classes and files that are not CSV', async () => {
    const classId = await createClass();
    const csv = csvOf(['hv.minhxuan.1,Lý Thị Mai,,,,,']);
    const upload = (id: string, as: Headers) =>
      t.http().post(`/api/v1/classes/${id}/enrollments/import`).set(as).attach('file', csv, 'a.csv');
    await upload(classId, await loginAs(t, 'qtv.bacninh')).expect(404);
    await upload(classId, await loginAs(t, 'hv.minhxuan.1')).expect(403);
    await t.http().post(`/api/v1/classes/${classId}/enrollments/import`).set(admin).send({ csv: 'x' }).expect(415);

    const empty = await importFile(classId, Buffer.alloc(0));
    expect(empty.result).toMatchObject({
      status: 'failed',
      errors: [{ row: 1, message: expect.stringContaining('rỗng') }],
    });
    const columns = await importFile(classId, Buffer.from('username,fullName\nx.y.z,Ai Đó\n'));
    expect(columns.result.status).toBe('failed');
    expect(columns.result.errors).toEqual([{ row: 1, message: expect.stringContaining('Ngày sinh (dateOfBirth)') }]);

    await t.http().patch(`/api/v1/classes/${classId}`).set(admin).send({ status: 'open' }).expect(200);
    await t.http().post(`/api/v1/classes/${classId}/close`).set(admin).expect(200);
    const closed = await upload(classId, admin).expect(409);
    expect(closed.body.code).toBe('class_closed');
  });
});
