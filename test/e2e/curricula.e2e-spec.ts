import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildZip, zipBomb } from '../support/zip-fixtures';
import { loginAs, unitId } from '../support/actors';
import { editManifest, packageFiles, zipPackage } from '../support/packages';
import { TestApp, useTestApp } from '../support/test-app';

type Headers = { authorization: string };
const FIXTURES = join(__dirname, '..', 'fixtures', 'questions');

describe('curricula: programmes, courses, packages and question banks', () => {
  const app = useTestApp({ env: { ATTACHMENT_MAX_BYTES: String(256 * 1024) } });
  let t: TestApp;
  let admin: Headers;
  let instructor: Headers;
  let otherInstructor: Headers;
  let learner: Headers;
  let tuyenQuang: string;
  let bacNinh: string;
  let files: Map<string, Buffer>;

  const counts = async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM programs)::int AS programs, (SELECT count(*) FROM courses)::int AS courses,
              (SELECT count(*) FROM lessons)::int AS lessons, (SELECT count(*) FROM questions)::int AS questions,
              (SELECT count(*) FROM attachments)::int AS attachments`,
    );
    return row;
  };
  const importPackage = (zip: Buffer, as: Headers = instructor, query = '') =>
    t.http().post(`/api/v1/courses/import${query}`).set(as).attach('file', zip, 'goi.zip');
  const lessonsOf = async (courseId: string, as: Headers = admin) =>
    (await t.http().get(`/api/v1/courses/${courseId}`).set(as).expect(200)).body.lessons;
  const questionsOf = async (courseId: string, as: Headers = admin) =>
    (await t.http().get(`/api/v1/courses/${courseId}/questions?limit=200`).set(as).expect(200)).body.items;

  beforeAll(async () => {
    t = app();
    admin = { authorization: `Bearer ${await t.adminToken()}` };
    instructor = await loginAs(t, 'gv.tuyenquang');
    otherInstructor = await loginAs(t, 'gv.bacninh');
    learner = await loginAs(t, 'hv.minhxuan.1');
    tuyenQuang = await unitId(t, 'TCT-TUYENQUANG');
    bacNinh = await unitId(t, 'TCT-BACNINH');
    files = await packageFiles();
  });

  describe('reference curricula', () => {
    it('lists the four programmes with their published courses of the right size', async () => {
      const programs = await t.http().get('/api/v1/programs').set(learner).expect(200);
      expect(programs.body.items.map((p: { code: string }) => p.code).sort()).toEqual([
        'CD-2026',
        'LLCT-DVM',
        'NTVD',
        'NVCTD-BTCB',
      ]);
      const byCode = Object.fromEntries(programs.body.items.map((p: { code: string; id: string }) => [p.code, p.id]));
      const course = async (code: string) => {
        const list = await t.http().get(`/api/v1/courses?programId=${byCode[code]}&status=published`).set(instructor);
        expect(list.body.items).toHaveLength(1);
        return (await t.http().get(`/api/v1/courses/${list.body.items[0].id}`).set(instructor).expect(200)).body;
      };
      const awareness = await course('NTVD');
      expect(awareness.totalPeriods).toBe(50);
      expect(awareness.lessons.reduce((sum: number, l: { periods: number }) => sum + l.periods, 0)).toBe(50);
      expect(awareness.questionCount).toBeGreaterThanOrEqual(30);
      expect(awareness.completionRule).toEqual({
        minAttendanceRate: 0.8,
        requireMandatoryLessons: true,
        requireFinalExam: true,
        passMark: 5,
      });
      expect((await course('LLCT-DVM')).lessons).toHaveLength(10);
      expect((await course('NVCTD-BTCB')).lessons.length).toBeGreaterThanOrEqual(5);
      expect((await course('CD-2026')).status).toBe('published');
    });

    it('keeps question keys from learners: the bank is 403 for them', async () => {
      const [course] = await t.dataSource.query(`SELECT id FROM courses WHERE version = '2022'`);
      await t.http().get(`/api/v1/courses/${course.id}/questions`).set(learner).expect(403);
      const bank = await t.http().get(`/api/v1/courses/${course.id}/questions`).set(otherInstructor).expect(200);
      expect(bank.body.items[0]).toHaveProperty('correct');
    });
  });

  describe('package import', () => {
    it('imports the example package (201) as a draft with its lessons, attachment and questions', async () => {
      const res = await importPackage(await zipPackage(files)).expect(201);
      expect(res.body).toMatchObject({ status: 'draft', programCode: 'CD-2026', orgUnitId: tuyenQuang });
      const manifest = JSON.parse(files.get('course.json')!.toString('utf8'));
      expect(res.body.lessonCount).toBe(manifest.lessons.length);
      expect(res.body.totalPeriods).toBe(
        manifest.lessons.reduce((s: number, l: { periods: number }) => s + l.periods, 0),
      );
      const lessons = await lessonsOf(res.body.id, instructor);
      expect(lessons.map((l: { title: string }) => l.title)).toEqual(
        manifest.lessons.map((l: { title: string }) => l.title),
      );
      const attachment = lessons.flatMap((l: { attachments: unknown[] }) => l.attachments)[0];
      expect(attachment).toMatchObject({
        type: 'png',
        contentType: 'image/png',
        path: 'attachments/ban-do-di-tich.png',
      });
      const bytes = await t.http().get(attachment.url).set(instructor).buffer(true).expect(200);
      expect(bytes.headers['content-type']).toBe('image/png');
      expect(Buffer.compare(bytes.body, files.get('attachments/ban-do-di-tich.png')!)).toBe(0);
      // The package names its programme; only the author's unit and its parents' staff see the draft.
      await t.http().get(`/api/v1/courses/${res.body.id}`).set(otherInstructor).expect(404);
      await t.http().get(`/api/v1/courses/${res.body.id}`).set(learner).expect(404);
    });

    const refusals: [string, number, string, (files: Map<string, Buffer>) => Buffer | void][] = [
      [
        'a missing lesson file',
        422,
        'lessons[1].file',
        (f) => void f.delete([...f.keys()].filter((k) => k.startsWith('lessons/')).sort()[1]),
      ],
      ['bad JSON', 422, 'course.json', (f) => void f.set('course.json', Buffer.from('{"programCode": "CD-2026",'))],
      ['an unknown programme', 422, 'programCode', (f) => editManifest(f, (m) => (m.programCode = 'KHONG-CO'))],
      [
        'negative periods',
        422,
        'lessons[2].periods',
        (f) => editManifest(f, (m) => ((m.lessons as { periods: number }[])[2].periods = -5)),
      ],
    ];
    it.each(refusals)('refuses %s (%i naming %s) and creates nothing', async (_name, status, path, change) => {
      const before = await counts();
      const res = await importPackage(await zipPackage(files, (f) => void change(f))).expect(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      expect(await counts()).toEqual(before);
    });

    it('refuses a ../ entry (422), an entry past the size limit (413) and a zip bomb (413), creating nothing', async () => {
      const before = await counts();
      const entries = [...files].map(([name, content]) => ({ name, content }));
      const traversal = await importPackage(
        buildZip([...entries, { name: '../../etc/cron.d/x', content: Buffer.from('x') }]),
      );
      expect(traversal.status).toBe(422);
      expect(traversal.body.errors[0].path).toBe('../../etc/cron.d/x');
      const big = await importPackage(
        buildZip([...entries, { name: 'attachments/lon.pdf', content: Buffer.alloc(300 * 1024, 1) }]),
      );
      expect(big.status).toBe(413);
      const bomb = await importPackage(zipBomb());
      expect(bomb.status).toBe(413);
      expect(bomb.body.code).toBe('course_package_too_large');
      const symlink = await importPackage(
        buildZip([...entries, { name: 'attachments/link', content: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]),
      );
      expect(symlink.status).toBe(422);
      expect(await counts()).toEqual(before);
    });

    it('refuses a package that is not a zip, and one without course.json, with 422', async () => {
      expect((await importPackage(Buffer.from('not a zip at all'))).status).toBe(422);
      const res = await importPackage(await zipPackage(files, (f) => void f.delete('course.json'))).expect(422);
      expect(res.body.errors[0].path).toBe('course.json');
    });

    it('accepts course.yaml in place of course.json', async () => {
      const zip = await zipPackage(files, (f) => {
        const manifest = JSON.parse(f.get('course.json')!.toString('utf8'));
        manifest.version = 'yaml-1';
        f.delete('course.json');
        f.set('course.yaml', Buffer.from(require('yaml').stringify(manifest)));
      });
      const res = await importPackage(zip).expect(201);
      expect(res.body.version).toBe('yaml-1');
    });

    it('answers 409 when the unit already has that version, 403 for a learner', async () => {
      await importPackage(await zipPackage(files)).expect(409);
      await importPackage(await zipPackage(files), learner).expect(403);
    });
  });

  describe('export', () => {
    it('export then import gives the same lessons and questions', async () => {
      const [source] = await t.dataSource.query(
        `SELECT id FROM courses WHERE org_unit_id = $1 AND version = '2026-tq'`,
        [tuyenQuang],
      );
      const exported = await t
        .http()
        .get(`/api/v1/courses/${source.id}/export`)
        .set(instructor)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(exported.headers['content-type']).toBe('application/zip');
      const copy = await importPackage(exported.body, admin, `?orgUnitId=${bacNinh}`).expect(201);
      const strip = (
        lessons: {
          title: string;
          periods: number;
          content: string;
          position: number;
          mandatory: boolean;
          objectives: string[];
        }[],
      ) =>
        lessons.map(({ title, periods, content, position, mandatory, objectives }) => ({
          title,
          periods,
          content,
          position,
          mandatory,
          objectives,
        }));
      expect(strip(await lessonsOf(copy.body.id))).toEqual(strip(await lessonsOf(source.id)));
      const bank = (items: Record<string, unknown>[]) =>
        items.map(
          ({ type, prompt, options, correct, acceptedAnswers, points, tags, partialCredit, ignoreDiacritics }) => ({
            type,
            prompt,
            options,
            correct,
            acceptedAnswers,
            points,
            tags,
            partialCredit,
            ignoreDiacritics,
          }),
        );
      const original = await questionsOf(source.id);
      expect(original.length).toBeGreaterThan(0);
      expect(bank(await questionsOf(copy.body.id))).toEqual(bank(original));
      const lessonTitle = async (courseId: string) => {
        const lessons = await lessonsOf(courseId);
        return (await questionsOf(courseId)).map(
          (q: { lessonId: string | null }) => lessons.find((l: { id: string }) => l.id === q.lessonId)?.title ?? null,
        );
      };
      expect(await lessonTitle(copy.body.id)).toEqual(await lessonTitle(source.id));
    });
  });
});
