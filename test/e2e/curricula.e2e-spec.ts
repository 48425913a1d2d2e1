import { stringify as stringifyYaml } from 'yaml';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildZip, zipBomb } from '../support/zip-fixtures';
import { asAdmin, Headers, loginAs, referenceCourseId, unitId } from '../support/actors';
import { editManifest, packageFiles, zipPackage } from '../support/packages';
import { TestApp, useTestApp } from '../support/test-app';
import { binary } from '../support/binary';

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
    admin = await asAdmin(t);
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
        lessonTrackingModes: ['online', 'hybrid'],
        requireFinalExam: true,
        passMark: 5,
      });
      expect((await course('LLCT-DVM')).lessons).toHaveLength(10);
      expect((await course('NVCTD-BTCB')).lessons.length).toBeGreaterThanOrEqual(5);
      expect((await course('CD-2026')).status).toBe('published');
    });

    it('seeds both versions of the new-member programme: 2013 archived, the current one published', async () => {
      const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'LLCT-DVM'`);
      const versions = async (status: string) =>
        (await t.http().get(`/api/v1/courses?programId=${program.id}&status=${status}`).set(admin).expect(200)).body
          .items;
      const [archived] = await versions('archived');
      const [current] = await versions('published');
      expect([archived.version, archived.lessonCount, current.version, current.lessonCount]).toEqual([
        '2013',
        9,
        '2021',
        10,
      ]);
      expect(current.previousVersionId).toBe(archived.id);
    });

    it('keeps question keys from learners: the bank is 403 for them', async () => {
      const courseId = await referenceCourseId(t);
      await t.http().get(`/api/v1/courses/${courseId}/questions`).set(learner).expect(403);
      const bank = await t.http().get(`/api/v1/courses/${courseId}/questions`).set(otherInstructor).expect(200);
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
        f.set('course.yaml', Buffer.from(stringifyYaml(manifest)));
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
        .parse(binary)
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

  describe('drafts, publishing and versions', () => {
    let draft: string;
    let lessons: { id: string; title: string; position: number }[];

    beforeAll(async () => {
      const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'NTVD'`);
      const course = await t
        .http()
        .post('/api/v1/courses')
        .set(instructor)
        .send({
          programId: program.id,
          title: 'Nhận thức về Đảng (Tuyên Quang)',
          version: 'tq-2026',
          completionRule: { minAttendanceRate: 0.9 },
        })
        .expect(201);
      draft = course.body.id;
      expect(course.body.completionRule).toMatchObject({ minAttendanceRate: 0.9, passMark: 5 });
      for (const [i, title] of ['Bài 1', 'Bài 2', 'Bài 3', 'Bài 4'].entries()) {
        await t
          .http()
          .post(`/api/v1/courses/${draft}/lessons`)
          .set(instructor)
          .send({ title, periods: i + 1, content: `# ${title}\n\nNội dung.` })
          .expect(201);
      }
      lessons = await lessonsOf(draft, instructor);
    });

    it('names the wrong field of a course or lesson (400) and hides drafts from other units (404)', async () => {
      const bad = await t
        .http()
        .post('/api/v1/courses')
        .set(instructor)
        .send({ programId: lessons[0].id, title: 'x', version: 'v', gradingScale: { kha: 9.5 } })
        .expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['programId']));
      const scale = await t
        .http()
        .patch(`/api/v1/courses/${draft}`)
        .set(instructor)
        .send({ gradingScale: { kha: 8.5 } })
        .expect(400);
      expect(scale.body.errors[0].field).toBe('gradingScale.kha');
      const modes = await t
        .http()
        .patch(`/api/v1/courses/${draft}`)
        .set(instructor)
        .send({ completionRule: { lessonTrackingModes: ['online', 'elearning'] } })
        .expect(400);
      expect(modes.body.errors[0].field).toBe('completionRule.lessonTrackingModes');
      const tracked = await t
        .http()
        .patch(`/api/v1/courses/${draft}`)
        .set(instructor)
        .send({ completionRule: { lessonTrackingModes: ['in_person', 'online', 'hybrid'] } })
        .expect(200);
      expect(tracked.body.completionRule).toMatchObject({
        minAttendanceRate: 0.9,
        lessonTrackingModes: ['in_person', 'online', 'hybrid'],
      });
      const periods = await t
        .http()
        .post(`/api/v1/courses/${draft}/lessons`)
        .set(instructor)
        .send({ title: 'x', periods: -1, content: '' })
        .expect(400);
      expect(periods.body.errors[0].field).toBe('periods');
      await t.http().patch(`/api/v1/courses/${draft}`).set(otherInstructor).send({ title: 'x' }).expect(404);
      await t.http().patch(`/api/v1/lessons/${lessons[0].id}`).set(otherInstructor).send({ title: 'x' }).expect(404);
      await t.http().post('/api/v1/courses').set(learner).send({}).expect(403);
    });

    it('keeps lesson positions dense and unique under concurrent reorders', async () => {
      await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          t
            .http()
            .patch(`/api/v1/lessons/${lessons[i % 4].id}`)
            .set(instructor)
            .send({ position: ((i * 3) % 4) + 1 })
            .expect(200),
        ),
      );
      const after = await lessonsOf(draft, instructor);
      expect(after.map((l: { position: number }) => l.position)).toEqual([1, 2, 3, 4]);
      expect(new Set(after.map((l: { id: string }) => l.id)).size).toBe(4);
      await t.http().delete(`/api/v1/lessons/${after[1].id}`).set(instructor).expect(204);
      const inserted = await t
        .http()
        .post(`/api/v1/courses/${draft}/lessons`)
        .set(instructor)
        .send({ title: 'Bài mở đầu', position: 1, periods: 5, content: '' })
        .expect(201);
      expect(inserted.body.position).toBe(1);
      const final = await lessonsOf(draft, instructor);
      expect(final.map((l: { position: number }) => l.position)).toEqual([1, 2, 3, 4]);
      const course = await t.http().get(`/api/v1/courses/${draft}`).set(instructor).expect(200);
      expect(course.body.totalPeriods).toBe(final.reduce((s: number, l: { periods: number }) => s + l.periods, 0));
    });

    it('imports a GIFT bank with every supported type, and names the line of a malformed one (422, nothing added)', async () => {
      const gift = await readFile(join(FIXTURES, 'bank.gift'));
      const res = await t
        .http()
        .post(`/api/v1/courses/${draft}/questions/import?format=gift`)
        .set(instructor)
        .attach('file', gift, 'bank.gift')
        .expect(201);
      const bank = await questionsOf(draft, instructor);
      expect(bank).toHaveLength(res.body.imported);
      expect(new Set(bank.map((q: { type: string }) => q.type))).toEqual(
        new Set(['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'essay']),
      );
      expect(bank.find((q: { type: string }) => q.type === 'multiple_choice')).toMatchObject({ partialCredit: true });
      expect(bank.find((q: { type: string }) => q.type === 'short_answer')).toMatchObject({
        acceptedAnswers: ['Hồ Chí Minh', 'Nguyễn Ái Quốc'],
        partialAnswers: [{ text: 'Nguyễn Tất Thành', weight: 50 }],
      });
      const malformed = await readFile(join(FIXTURES, 'malformed.gift'));
      const line = Number(/malformed at line (\d+)/.exec(malformed.toString())![1]);
      const refused = await t
        .http()
        .post(`/api/v1/courses/${draft}/questions/import?format=gift`)
        .set(instructor)
        .attach('file', malformed, 'x.gift')
        .expect(422);
      expect(refused.body.errors.map((e: { line: number }) => e.line)).toContain(line);
      expect(await questionsOf(draft, instructor)).toHaveLength(bank.length);
      for (const [format, file] of [
        ['aiken', 'bank.aiken.txt'],
        ['csv', 'bank.csv'],
        ['json', 'bank.json'],
      ]) {
        await t
          .http()
          .post(`/api/v1/courses/${draft}/questions/import?format=${format}`)
          .set(instructor)
          .attach('file', await readFile(join(FIXTURES, file)), file)
          .expect(201);
      }
      await t
        .http()
        .post(`/api/v1/courses/${draft}/questions/import?format=moodle`)
        .set(instructor)
        .attach('file', gift, 'x')
        .expect(400);
    });

    it('validates questions by type', async () => {
      const cases = [
        [
          {
            type: 'single_choice',
            prompt: 'Hỏi?',
            points: 1,
            options: [
              { key: 'A', text: 'a' },
              { key: 'B', text: 'b' },
            ],
            correct: ['A', 'B'],
          },
          'correct',
        ],
        [
          {
            type: 'multiple_choice',
            prompt: 'Hỏi?',
            points: 1,
            options: [
              { key: 'A', text: 'a' },
              { key: 'A', text: 'b' },
            ],
            correct: ['A'],
          },
          'options',
        ],
        [{ type: 'essay', prompt: 'Viết?', points: 5, correct: 'A' }, 'correct'],
      ] as const;
      for (const [body, field] of cases) {
        const res = await t.http().post(`/api/v1/courses/${draft}/questions`).set(instructor).send(body).expect(400);
        expect(res.body.errors.map((e: { field: string }) => e.field.split(/[[.]/)[0])).toContain(field);
      }
    });

    it('refuses every edit of a published course (409), and versions makes an editable draft with everything copied', async () => {
      const upload = await t
        .http()
        .post(`/api/v1/lessons/${lessons[0].id}/attachments`)
        .set(instructor)
        .attach('file', files.get('attachments/ban-do-di-tich.png')!, 'Bản đồ.png')
        .expect(201);
      expect(upload.body).toMatchObject({ type: 'png', path: 'attachments/ban-do.png' });
      await t.http().post(`/api/v1/courses/${draft}/publish`).set(instructor).expect(200);
      const [question] = await questionsOf(draft, instructor);
      const edits = [
        t.http().patch(`/api/v1/courses/${draft}`).set(instructor).send({ title: 'Đổi tên' }),
        t.http().post(`/api/v1/courses/${draft}/lessons`).set(instructor).send({ title: 'x', periods: 1, content: '' }),
        t.http().patch(`/api/v1/lessons/${lessons[0].id}`).set(instructor).send({ periods: 9 }),
        t.http().delete(`/api/v1/lessons/${lessons[0].id}`).set(instructor),
        t
          .http()
          .post(`/api/v1/lessons/${lessons[0].id}/attachments`)
          .set(instructor)
          .attach('file', files.get('attachments/ban-do-di-tich.png')!, 'x.png'),
        t
          .http()
          .post(`/api/v1/courses/${draft}/questions`)
          .set(instructor)
          .send({ type: 'essay', prompt: 'x', points: 1 }),
        t.http().patch(`/api/v1/questions/${question.id}`).set(instructor).send({ prompt: 'Đổi câu hỏi' }),
        t.http().delete(`/api/v1/questions/${question.id}`).set(instructor),
        t.http().post(`/api/v1/courses/${draft}/publish`).set(instructor),
      ];
      for (const edit of edits) expect((await edit).status).toBe(409);
      const source = await t.http().get(`/api/v1/courses/${draft}`).set(instructor).expect(200);
      const copy = await t.http().post(`/api/v1/courses/${draft}/versions`).set(instructor).send({}).expect(201);
      expect(copy.body).toMatchObject({
        status: 'draft',
        version: 'tq-2026-r2',
        previousVersionId: draft,
        totalPeriods: source.body.totalPeriods,
        questionCount: source.body.questionCount,
      });
      const copied = await t.http().get(`/api/v1/courses/${copy.body.id}`).set(instructor).expect(200);
      const shape = (
        ls: {
          title: string;
          periods: number;
          content: string;
          position: number;
          attachments: { path: string; sha256: string }[];
        }[],
      ) =>
        ls.map((l) => ({
          title: l.title,
          periods: l.periods,
          content: l.content,
          position: l.position,
          attachments: l.attachments.map((a) => [a.path, a.sha256]),
        }));
      expect(shape(copied.body.lessons)).toEqual(shape(source.body.lessons));
      await t
        .http()
        .patch(`/api/v1/lessons/${copied.body.lessons[0].id}`)
        .set(instructor)
        .send({ periods: 9 })
        .expect(200);
      await t
        .http()
        .post(`/api/v1/courses/${copy.body.id}/versions`)
        .set(instructor)
        .send({ version: 'tq-2026-r2' })
        .expect(409);
    });

    it('lets an author correct a key in a published course: audited, and question.key_changed is published', async () => {
      const bank = await questionsOf(draft, instructor);
      const single = bank.find((q: { type: string }) => q.type === 'single_choice');
      const other = single.options.find((o: { key: string }) => o.key !== single.correct).key;
      await t
        .http()
        .patch(`/api/v1/questions/${single.id}`)
        .set(instructor)
        .send({ correct: other, points: 2 })
        .expect(200);
      await t.http().patch(`/api/v1/questions/${single.id}`).set(instructor).send({ correct: 'Z' }).expect(400);
      const events = await t.dataSource.query(`SELECT payload FROM outbox_events WHERE topic = 'question.key_changed'`);
      expect(events.map((e: { payload: { questionId: string } }) => e.payload.questionId)).toContain(single.id);
      const [entry] = await t.dataSource.query(
        `SELECT details FROM audit_log WHERE action = 'question.key_changed' AND target_id = $1`,
        [single.id],
      );
      expect(entry.details).toMatchObject({
        before: { correct: single.correct, points: single.points },
        after: { correct: other, points: 2 },
      });
      await t.http().patch(`/api/v1/questions/${single.id}`).set(otherInstructor).send({ points: 3 }).expect(404);
    });
  });

  describe('attachments', () => {
    it('decides the type from the bytes: an .exe named .pdf is 415', async () => {
      const [program] = await t.dataSource.query(`SELECT id FROM programs WHERE code = 'CD-2026'`);
      const course = await t
        .http()
        .post('/api/v1/courses')
        .set(instructor)
        .send({ programId: program.id, title: 'Tệp', version: 'tep-1' })
        .expect(201);
      const lesson = await t
        .http()
        .post(`/api/v1/courses/${course.body.id}/lessons`)
        .set(instructor)
        .send({ title: 'Bài', periods: 1, content: '' })
        .expect(201);
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512, 0x90)]);
      const res = await t
        .http()
        .post(`/api/v1/lessons/${lesson.body.id}/attachments`)
        .set(instructor)
        .attach('file', exe, { filename: 'tai-lieu.pdf', contentType: 'application/pdf' })
        .expect(415);
      expect(res.body.code).toBe('attachment_type_unsupported');
      const pdf = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
      const ok = await t
        .http()
        .post(`/api/v1/lessons/${lesson.body.id}/attachments`)
        .set(instructor)
        .attach('file', pdf, 'Tài liệu.bin')
        .expect(201);
      expect(ok.body).toMatchObject({
        type: 'pdf',
        contentType: 'application/pdf',
        sizeBytes: pdf.length,
        path: 'attachments/tai-lieu.pdf',
      });
      const big = await t
        .http()
        .post(`/api/v1/lessons/${lesson.body.id}/attachments`)
        .set(instructor)
        .attach('file', Buffer.concat([pdf, Buffer.alloc(300 * 1024)]), 'lon.pdf');
      expect(big.status).toBe(413);
      await t.http().get(ok.body.url).set(learner).expect(404);
    });
  });
});
