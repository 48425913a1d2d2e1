import ExcelJS from 'exceljs';
import { Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { binary } from '../support/binary';
import { createClass } from '../support/classes';
import { csvText, dateCell, encodeText, Encoding, xlsxFile, XlsxCell } from '../support/import-files';
import { eventually, TestApp, useTestApp } from '../support/test-app';

const HINT = "Lưu tệp bằng 'CSV UTF-8' trong Excel";
const CELLS = ['CB-MINHXUAN-TDP1', 'CB-MINHXUAN-THCS', 'TTCT-MINHXUAN'];
const STATUSES = ['none', 'candidate', 'probationary', 'full'] as const;
type Status = (typeof STATUSES)[number];

interface Person {
  fullName: string;
  dateOfBirth: string;
  email: string | null;
  phone: string;
  partyStatus: Status;
  partyAdmissionDate: string | null;
  orgUnitCode: string;
}

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô'];
const MIDDLE = ['Thị', 'Văn', 'Đức', 'Ngọc', 'Quỳnh', 'Thuỳ', 'Hữu', 'Minh', 'Khánh'];
const GIVEN = ['Ánh', 'Tuyết', 'Hưởng', 'Ẩn', 'Ỹ', 'Nguyệt', 'Khuê', 'Dũng', 'Giang', 'Hạnh', 'Luỹ', 'Phượng', 'Ước'];

/** 50 people of Tuyên Quang with every kind of Vietnamese letter, days below 10, all party statuses. */
const ROSTER: Person[] = Array.from({ length: 50 }, (_, i) => {
  const partyStatus = STATUSES[i % 4];
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    fullName: `${FAMILY[i % FAMILY.length]} ${MIDDLE[i % MIDDLE.length]} ${GIVEN[(i * 7) % GIVEN.length]}`,
    dateOfBirth: `19${60 + (i % 40)}-${pad((i % 12) + 1)}-${pad((i % 28) + 1)}`,
    email: i % 5 === 4 ? null : `nguoi${i}@example.vn`,
    phone: `09${pad(i)} 345 6${pad(i)}`,
    partyStatus,
    partyAdmissionDate: partyStatus === 'probationary' ? '2026-01-10' : partyStatus === 'full' ? '2015-03-02' : null,
    orgUnitCode: CELLS[i % CELLS.length],
  };
});

const ENGLISH = ['username', 'fullName', 'dateOfBirth', 'email', 'phone', 'partyStatus', 'partyAdmissionDate'];
const VIETNAMESE = [
  'Tên đăng nhập',
  'Họ và tên',
  'Ngày sinh',
  'Email',
  'Số điện thoại',
  'Tình trạng đảng viên',
  'Ngày vào Đảng',
];
const WITHOUT_DIACRITICS = VIETNAMESE.map((h) =>
  h
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .toUpperCase(),
);
const LABELS: Record<Status, [string, string]> = {
  none: ['Quần chúng', 'QUAN CHUNG'],
  candidate: ['Cảm tình Đảng', 'doi tuong'],
  probationary: ['Dự bị', 'DU BI'],
  full: ['Chính thức', 'chinh thuc'],
};

const isoDay = (iso: string) => iso;
const paddedDay = (iso: string) => iso.split('-').reverse().join('/');
const shortDay = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d}/${m}/${y}`;
};

interface Style {
  headers: string[];
  unitHeader: string;
  day: (iso: string) => string;
  status: (s: Status, i: number) => string;
}

function cellsOf(prefix: string, style: Style): string[][] {
  return [
    [...style.headers, style.unitHeader],
    ...ROSTER.map((p, i) => [
      `${prefix}.nguoi.${String(i).padStart(2, '0')}`,
      p.fullName,
      style.day(p.dateOfBirth),
      p.email ?? '',
      p.phone,
      style.status(p.partyStatus, i),
      p.partyAdmissionDate ? style.day(p.partyAdmissionDate) : '',
      p.orgUnitCode,
    ]),
  ];
}

const codes: Style = { headers: ENGLISH, unitHeader: 'orgUnitCode', day: isoDay, status: (s) => s };
const vietnamese: Style = {
  headers: VIETNAMESE,
  unitHeader: 'Mã đơn vị',
  day: paddedDay,
  status: (s, i) => LABELS[s][i % 2],
};

function textFile(prefix: string, style: Style, delimiter: string, encoding: Encoding): Buffer {
  return encodeText(csvText(cellsOf(prefix, style), delimiter), encoding);
}

describe('import files as schools have them', () => {
  const app = useTestApp();
  let t: TestApp;
  let admin: Headers;

  beforeAll(async () => {
    t = app();
    admin = await loginAs(t, 'qtv.tuyenquang');
  });

  async function upload(path: string, file: Buffer, filename: string, as = admin) {
    const accepted = await t.http().post(path).set(as).attach('file', file, filename).expect(202);
    const importId = accepted.body.importId as string;
    return eventually(async () => {
      const res = await t.http().get(`/api/v1/imports/${importId}`).set(as).expect(200);
      return res.body.status === 'done' || res.body.status === 'failed' ? res.body : undefined;
    }, 60_000);
  }

  const importPeople = (file: Buffer, filename: string, query = '') =>
    upload(`/api/v1/users/import${query}`, file, filename);

  async function stored(prefix: string) {
    const rows: Record<string, string | null>[] = await t.dataSource.query(
      `SELECT u.full_name AS "fullName", u.date_of_birth::text AS "dateOfBirth", u.email, u.phone,
              u.party_status AS "partyStatus", u.party_admission_date::text AS "partyAdmissionDate",
              o.code AS "orgUnitCode"
         FROM users u JOIN org_units o ON o.id = u.org_unit_id
        WHERE u.username LIKE $1 ORDER BY u.username`,
      [`${prefix}.nguoi.%`],
    );
    return rows;
  }

  it('imports the same 50 people, fields identical and names NFC, from six files Excel and Windows write', async () => {
    const files: [prefix: string, name: string, file: Buffer][] = [
      ['f1', 'utf8-bom-comma.csv', textFile('f1', codes, ',', 'utf8-bom')],
      [
        'f2',
        'utf8-semicolon.csv',
        textFile('f2', { ...vietnamese, day: shortDay, status: (s) => LABELS[s][0] }, ';', 'utf8'),
      ],
      ['f3', 'unicode-text.txt', textFile('f3', codes, '\t', 'utf16le-bom')],
      [
        'f4',
        'windows-1258.csv',
        textFile('f4', { ...vietnamese, headers: WITHOUT_DIACRITICS, unitHeader: 'MA DON VI' }, ',', 'windows-1258'),
      ],
      [
        'f5',
        'date-cells.xlsx',
        await xlsxFile(
          cellsOf('f5', codes).map((row, i): XlsxCell[] =>
            i === 0 ? row : row.map((cell, c) => ((c === 2 || c === 6) && cell ? dateCell(cell) : cell || null)),
          ),
        ),
      ],
      ['f6', 'vietnamese.xlsx', await xlsxFile(cellsOf('f6', vietnamese))],
    ];
    for (const [prefix, name, file] of files) {
      const result = await importPeople(file, name);
      expect({ name, ...result }).toMatchObject({ name, status: 'done', total: 50, created: 50, failed: 0 });
      const rows = await stored(prefix);
      expect({ name, rows }).toEqual({ name, rows: ROSTER });
      for (const [i, row] of rows.entries()) {
        expect(Buffer.from(row.fullName!, 'utf8').equals(Buffer.from(ROSTER[i].fullName.normalize('NFC')))).toBe(true);
      }
    }
    const [{ replaced }] = await t.dataSource.query(
      `SELECT count(*)::int AS replaced FROM users WHERE full_name LIKE '%' || chr(65533) || '%'`,
    );
    expect(replaced).toBe(0);
  });

  it('refuses whole, with the hint, a file in another encoding or with invalid bytes; nothing is stored', async () => {
    const [before] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM imports) AS imports`,
    );
    const utf16WithoutBom = Buffer.from(csvText(cellsOf('g1', codes), '\t'), 'utf16le');
    const windows = textFile('g2', codes, ',', 'windows-1258');
    // 0x8D is a byte Windows-1258 leaves undefined: decoded, it would be stored as U+FFFD.
    const invalid = Buffer.concat([windows.subarray(0, 200), Buffer.from([0x8d]), windows.subarray(200)]);
    for (const file of [utf16WithoutBom, invalid]) {
      const res = await t
        .http()
        .post('/api/v1/users/import')
        .set(admin)
        .attach('file', file, 'danh-sach.csv')
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors).toEqual([{ field: 'file', message: expect.stringContaining(HINT) }]);
    }
    const classId = await newClass('MA-HOA');
    await t
      .http()
      .post(`/api/v1/classes/${classId}/enrollments/import`)
      .set(admin)
      .attach('file', invalid, 'lop.csv')
      .expect(400);
    const [after] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM imports) AS imports`,
    );
    expect(after).toEqual(before);
  });

  let classes = 0;
  async function newClass(code: string): Promise<string> {
    classes++;
    const created = await createClass(t, admin, {
      courseId: await referenceCourseId(t),
      orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
      code: `${code}-${classes}`,
      title: `Lớp nhập tệp ${classes}`,
      startsOn: '2026-09-01',
      endsOn: '2026-09-30',
      mode: 'in_person',
      enrollmentPolicy: 'closed',
    });
    return created.id as string;
  }

  const download = (path: string, as = admin) => t.http().get(path).set(as).buffer(true).parse(binary);

  it('gives an XLSX template that, filled in with three rows, imports three people', async () => {
    const res = await download('/api/v1/users/import/template.xlsx').expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Người học', 'Hướng dẫn', 'Mã đơn vị']);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual([undefined, ...VIETNAMESE, 'Mã đơn vị']);
    expect(sheet.getCell('A2').value).toBe('nguyenvana');
    const help = workbook.getWorksheet('Hướng dẫn')!;
    const explained = new Map<string, string>();
    help.eachRow((row) => explained.set(String(row.getCell(1).value), String(row.getCell(4).value)));
    for (const header of [...VIETNAMESE, 'Mã đơn vị']) expect(explained.get(header)).toBeTruthy();
    expect(explained.get('Tình trạng đảng viên')).toContain('Quần chúng (none)');
    const units: string[] = [];
    workbook.getWorksheet('Mã đơn vị')!.eachRow((row, n) => n > 1 && units.push(String(row.getCell(1).value)));
    expect(units).toEqual(expect.arrayContaining(['TCT-TUYENQUANG', ...CELLS]));
    expect(units).not.toContain('CB-KINHBAC-DONGXUYEN');

    // Filled in as an admin would: over the example row, dates typed into the date cells.
    [
      [
        'mau.nguoi.1',
        'Lương Thị Ngọc Ánh',
        dateCell('1992-03-04'),
        '',
        '0987 654 321',
        'Dự bị',
        dateCell('2026-02-03'),
      ],
      ['mau.nguoi.2', 'Đinh Văn Được', dateCell('1985-11-30'), 'duoc@example.vn', '0211 3822 123', '', null],
      ['mau.nguoi.3', 'Tạ Thu Hường', '05/06/1999', '', '', 'Cảm tình Đảng', null],
    ].forEach((cells, i) => {
      const row = sheet.getRow(i + 2);
      row.values = [...cells, CELLS[i]];
      row.commit();
    });
    const filled = Buffer.from(await workbook.xlsx.writeBuffer());
    const result = await importPeople(filled, 'mau-nhap-nguoi-hoc.xlsx');
    expect(result).toMatchObject({ status: 'done', total: 3, created: 3, failed: 0 });
    expect(await stored('mau')).toEqual([
      {
        fullName: 'Lương Thị Ngọc Ánh',
        dateOfBirth: '1992-03-04',
        email: null,
        phone: '0987 654 321',
        partyStatus: 'probationary',
        partyAdmissionDate: '2026-02-03',
        orgUnitCode: CELLS[0],
      },
      {
        fullName: 'Đinh Văn Được',
        dateOfBirth: '1985-11-30',
        email: 'duoc@example.vn',
        phone: '0211 3822 123',
        partyStatus: 'none',
        partyAdmissionDate: null,
        orgUnitCode: CELLS[1],
      },
      {
        fullName: 'Tạ Thu Hường',
        dateOfBirth: '1999-06-05',
        email: null,
        phone: null,
        partyStatus: 'candidate',
        partyAdmissionDate: null,
        orgUnitCode: CELLS[2],
      },
    ]);
  });

  it('gives a CSV template that imports as it is filled in, and templates only to those who may import', async () => {
    const res = await download('/api/v1/users/import/template.csv').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, example] = res.body
      .toString('utf8')
      .replace(/^\ufeff/, '')
      .trimEnd()
      .split('\r\n');
    expect(header).toBe([...VIETNAMESE, 'Mã đơn vị'].join(','));
    const unit = example.split(',').at(-1);
    const rows = [1, 2, 3].map(
      (n) => `csv.nguoi.${n},Hà Văn Mẫu ${n},0${n}/0${n}/1990,,,Chính thức,0${n}/01/2020,${unit}`,
    );
    const result = await importPeople(Buffer.from(`\ufeff${[header, ...rows].join('\r\n')}\r\n`), 'mau.csv');
    expect(result).toMatchObject({ status: 'done', created: 3, failed: 0 });

    const teacher = await loginAs(t, 'gv.tuyenquang');
    await download('/api/v1/users/import/template.xlsx', teacher).expect(403);
    await download('/api/v1/users/import/template.csv', teacher).expect(403);
  });

  it("gives a class's template (404 outside the scope) and enrols its rows, from the sheet asked for", async () => {
    const classId = await newClass('MAU');
    const path = `/api/v1/classes/${classId}/enrollments/import`;
    await download(`${path}/template.xlsx`, await loginAs(t, 'qtv.bacninh')).expect(404);
    await download(`${path}/template.xlsx`, await loginAs(t, 'hv.minhxuan.1')).expect(403);
    const csv = await download(`${path}/template.csv`).expect(200);
    expect(csv.body.toString('utf8')).toContain(VIETNAMESE.join(','));
    const res = await download(`${path}/template.xlsx`).expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((ws) => ws.name)).toEqual(['Danh sách lớp', 'Hướng dẫn']);
    const notes: string[] = [];
    workbook.getWorksheet('Hướng dẫn')!.eachRow((row) => notes.push(String(row.getCell(1).value)));
    expect(notes.join('\n')).toContain('TCT-TUYENQUANG');

    const rows = cellsOf('lop', vietnamese)
      .slice(0, 4)
      .map((row) => row.slice(0, 7));
    const file = await xlsxFile(rows, 'Danh sách lớp', ['Bìa']);
    const first = await upload(path, file, 'lop.xlsx');
    expect(first.status).toBe('failed');
    expect(first.errors[0].message).toContain('Thiếu cột');
    const result = await upload(`${path}?sheet=${encodeURIComponent('danh sach lop')}`, file, 'lop.xlsx');
    expect(result).toMatchObject({ status: 'done', total: 3, created: 3, failed: 0 });
    await t
      .http()
      .post(`${path}?sheet=${'x'.repeat(32)}`)
      .set(admin)
      .attach('file', file, 'lop.xlsx')
      .expect(400);
  });

  it('names a bad date once by its column as written, with the value, at its line', async () => {
    const rows = cellsOf('ngay', vietnamese).slice(0, 4);
    rows[2][2] = '31/02/1990';
    rows[3][5] = 'Đảng viên';
    rows[3][4] = '912345678';
    const result = await importPeople(encodeText(csvText(rows, ';'), 'utf8-bom'), 'ngay-sai.csv');
    expect(result).toMatchObject({ status: 'done', created: 1, failed: 2 });
    const [badDate, badRow] = result.errors;
    expect(badDate.row).toBe(3);
    expect(badDate.message.match(/Ngày sinh/g)).toHaveLength(1);
    expect(badDate.message).toContain('"31/02/1990"');
    expect(badDate.message).not.toContain('dateOfBirth');
    expect(badRow.row).toBe(4);
    expect(badRow.message).toContain('Số điện thoại: thiếu số 0 ở đầu');
    expect(badRow.message).toContain('Tình trạng đảng viên: không hợp lệ');
  });
});
