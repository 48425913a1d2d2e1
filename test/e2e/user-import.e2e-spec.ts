import { Headers, loginAs } from '../support/actors';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const HEADER = 'username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate,orgUnitCode';
const CELLS = ['CB-MINHXUAN-TDP1', 'CB-MINHXUAN-THCS', 'TTCT-MINHXUAN'];

/** 1,000 people of Tuyên Quang; five rows (by data index) are wrong in five different ways. */
function peopleCsv(): { csv: Buffer; badLines: Record<number, string> } {
  const lines = [HEADER];
  const badLines: Record<number, string> = {};
  for (let i = 0; i < 1000; i++) {
    let row = [
      `nhap.${String(i).padStart(4, '0')}`,
      `Nguyễn Thị Nhập ${i}`,
      '1990-01-15',
      `nhap${i}@example.vn`,
      '0912 000 000',
      i % 3 === 0 ? 'probationary' : 'candidate',
      i % 3 === 0 ? '2026-01-10' : '',
      CELLS[i % CELLS.length],
    ];
    const line = i + 2;
    if (i === 10) [row[2], badLines[line]] = ['1990-02-30', 'dateOfBirth'];
    if (i === 20) [row[0], badLines[line]] = ['nhap.0005', 'username: trùng với dòng 7'];
    if (i === 30) [row[7], badLines[line]] = ['KHONG-CO-MA', 'orgUnitCode'];
    if (i === 40) [row[1], badLines[line]] = ['', 'fullName'];
    if (i === 50) [row[5], badLines[line]] = ['dang_vien', 'partyStatus'];
    if (i === 60) row = row.map((cell) => (cell.includes(',') ? `"${cell}"` : cell));
    lines.push(row.join(','));
  }
  return { csv: Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`, 'utf8'), badLines };
}

describe('POST /users/import', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;

  beforeAll(async () => {
    t = app();
    admin = await loginAs(t, 'qtv.tuyenquang');
  });

  async function importFile(csv: Buffer, as = admin) {
    const accepted = await t
      .http()
      .post('/api/v1/users/import')
      .set(as)
      .attach('file', csv, 'nguoi-hoc.csv')
      .expect(202);
    const importId = accepted.body.importId as string;
    const result = await eventually(async () => {
      const res = await t.http().get(`/api/v1/imports/${importId}`).set(as).expect(200);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    }, 60_000);
    return { importId, result };
  }

  it('applies 995 good rows, reports the 5 bad ones by line, and a second run adds nothing', async () => {
    const { csv, badLines } = peopleCsv();
    const { importId, result } = await importFile(csv);
    expect(result).toMatchObject({
      status: 'done',
      total: 1000,
      processed: 1000,
      succeeded: 995,
      created: 995,
      failed: 5,
    });
    expect(result.errors.map((e: { row: number }) => e.row).sort((a: number, b: number) => a - b)).toEqual(
      Object.keys(badLines).map(Number),
    );
    for (const error of result.errors) expect(error.message).toContain(badLines[error.row]);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE username LIKE 'nhap.%'`,
    );
    expect(count).toBe(995);

    const again = await importFile(csv);
    expect(again.result).toMatchObject({ status: 'done', succeeded: 995, created: 0, failed: 5 });
    const [{ count: after }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM users WHERE username LIKE 'nhap.%'`,
    );
    expect(after).toBe(995);

    // Activation codes: once, to the uploader; a code becomes a password.
    const bnAdmin = await loginAs(t, 'qtv.bacninh');
    await t.http().get(`/api/v1/imports/${importId}`).set(bnAdmin).expect(404);
    await t.http().get(`/api/v1/imports/${importId}/activation-codes.csv`).set(bnAdmin).expect(404);
    const codes = await t.http().get(`/api/v1/imports/${importId}/activation-codes.csv`).set(admin).expect(200);
    expect(codes.headers['content-type']).toMatch(/^text\/csv/);
    const rows = codes.text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('username,fullName,activationCode,expiresAt');
    expect(rows).toHaveLength(996);
    const gone = await t.http().get(`/api/v1/imports/${importId}/activation-codes.csv`).set(admin).expect(410);
    expect(gone.body.code).toBe('activation_codes_already_downloaded');

    const [username, , code] = rows[1].split(',');
    await t
      .http()
      .post('/api/v1/auth/activate')
      .send({ username, code: 'AAAA-BBBB-CCCC', newPassword: 'mat-khau-rieng' })
      .expect(400);
    await t
      .http()
      .post('/api/v1/auth/activate')
      .send({ username, code: code.toLowerCase(), newPassword: 'mat-khau-rieng' })
      .expect(204);
    await loginAs(t, username, 'mat-khau-rieng');
    await t.http().post('/api/v1/auth/activate').send({ username, code, newPassword: 'lan-thu-hai-nua' }).expect(400);
    const [stored] = await t.dataSource.query(
      `SELECT count(*)::int AS readable FROM activation_codes WHERE import_id = $1 AND code_plain IS NOT NULL`,
      [importId],
    );
    expect(stored.readable).toBe(0);
  });

  it('refuses a file without the required columns, a non-multipart body and other units', async () => {
    const { result } = await importFile(Buffer.from('username,fullName\nx.y.z,Ai Đó\n'));
    expect(result.status).toBe('failed');
    expect(result.errors).toEqual([{ row: 1, message: expect.stringContaining('Ngày sinh (dateOfBirth)') }]);

    await t.http().post('/api/v1/users/import').set(admin).send({ csv: 'x' }).expect(415);
    await t
      .http()
      .post('/api/v1/users/import')
      .set(await loginAs(t, 'gv.tuyenquang'))
      .attach('file', Buffer.from(HEADER), 'a.csv')
      .expect(403);

    const foreign = Buffer.from(`${HEADER}\nla.nguoi,Người Lạ,,,,,,CB-KINHBAC-DONGXUYEN\n`);
    const { result: other } = await importFile(foreign);
    expect(other).toMatchObject({ succeeded: 0, failed: 1 });
    expect(other.errors[0].message).toContain('orgUnitCode');
  });
});
