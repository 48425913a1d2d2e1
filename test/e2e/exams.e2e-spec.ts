import { GradingService } from '../../src/modules/exams/grading.service';
import { Headers, loginAs, referenceCourseId, unitId, userId } from '../support/actors';
import { openClassWithLearners } from '../support/classes';
import { openExam } from '../support/exams';
import { TcpProxy } from '../support/tcp-proxy';
import { TEST_REDIS_URL } from '../support/test-databases';
import { dropTestResources, eventually, startTestApp, TestApp } from '../support/test-app';

interface BankQuestion {
  id: string;
  type: string;
  points: number;
  options: { key: string }[] | null;
  correct: string | string[] | null;
  acceptedAnswers: string[] | null;
}

/** Every key-bearing field name, searched for anywhere in a learner's responses. */
const KEY_FIELDS = /"(correct|acceptedAnswers|partialAnswers|weight|partialCredit|ignoreDiacritics)"/;

describe('exams: timed attempts graded by jobs', () => {
  const redis = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));
  let t: TestApp;
  let schoolAdmin: Headers;
  let instructor: Headers;
  let learner: Headers;
  let other: Headers;
  let classId: string;
  let courseId: string;
  let bank: BankQuestion[];
  const learnerBodies: string[] = [];

  const exam = (fields: { questionIds: string[] } & Record<string, unknown>) =>
    openExam(t, instructor, classId, fields);
  const as = async (headers: Headers, method: 'get' | 'post' | 'put', path: string, body?: object) => {
    const res = await t.http()[method](`/api/v1${path}`).set(headers).send(body);
    if (headers === learner) learnerBodies.push(res.text);
    return res;
  };
  const graded = (attemptId: string, status = 'graded') =>
    eventually(async () => {
      const res = await t.http().get(`/api/v1/attempts/${attemptId}`).set(instructor);
      return res.body.status === status ? res.body : null;
    });
  const rightAnswer = (q: BankQuestion) =>
    q.type === 'short_answer' ? q.acceptedAnswers![0].toUpperCase() : q.type === 'essay' ? 'Bài viết' : q.correct;
  const wrongAnswer = (q: BankQuestion) => {
    if (q.type === 'short_answer') return 'không biết';
    if (q.type === 'multiple_choice') return [];
    return q.options!.find((o) => o.key !== q.correct)!.key;
  };

  beforeAll(async () => {
    const port = await proxy.start();
    t = await startTestApp({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    schoolAdmin = await loginAs(t, 'qtv.tuyenquang');
    instructor = await loginAs(t, 'gv.tuyenquang');
    learner = await loginAs(t, 'hv.minhxuan.1');
    other = await loginAs(t, 'hv.minhxuan.2');
    courseId = await referenceCourseId(t);
    ({ id: classId } = await openClassWithLearners(
      t,
      schoolAdmin,
      {
        courseId,
        orgUnitId: await unitId(t, 'TCT-TUYENQUANG'),
        code: 'THI-1',
        title: 'Lớp có thi',
        startsOn: '2026-11-01',
        endsOn: '2026-12-31',
        mode: 'in_person',
        enrollmentPolicy: 'closed',
      },
      ['hv.minhxuan.1', 'hv.minhxuan.2'],
    ));
    bank = (await t.http().get(`/api/v1/courses/${courseId}/questions?limit=200`).set(instructor).expect(200)).body
      .items;
  });

  afterAll(async () => {
    await t.close();
    await proxy.cut();
    await dropTestResources(t.env, t.database);
  });

  it('grades a 20-question exam of every type as computed by hand, keys never shown, the essay by an instructor', async () => {
    const byType = (type: string) => bank.filter((q) => q.type === type);
    const chosen = [
      ...byType('single_choice').slice(0, 11),
      ...byType('multiple_choice').slice(0, 3),
      ...byType('true_false').slice(0, 3),
      ...byType('short_answer').slice(0, 2),
      ...byType('essay').slice(0, 1),
    ];
    expect(chosen).toHaveLength(20);
    const final = await exam({ kind: 'final', questionIds: chosen.map((q) => q.id), title: 'Kiểm tra cuối khóa' });
    const started = await as(learner, 'post', `/exams/${final.id}/attempts`);
    expect(started.status).toBe(201);
    expect(started.body.questions).toHaveLength(20);
    expect(new Date(started.body.deadline).getTime()).toBeLessThanOrEqual(Date.now() + 3_600_000);
    let expected = 0;
    const answers = chosen.map((q, i) => {
      const right = i % 3 !== 1 || q.type === 'essay';
      if (right && q.type !== 'essay') expected += q.points;
      return { questionId: q.id, value: right ? rightAnswer(q) : wrongAnswer(q) };
    });
    expect(
      (await as(learner, 'put', `/attempts/${started.body.id}/answers`, { answers: answers.slice(0, 10) })).status,
    ).toBe(200);
    expect(
      (await as(learner, 'put', `/attempts/${started.body.id}/answers`, { answers: answers.slice(10) })).status,
    ).toBe(200);
    const [a, b] = await Promise.all([
      as(learner, 'post', `/attempts/${started.body.id}/submit`),
      as(learner, 'post', `/attempts/${started.body.id}/submit`),
    ]);
    expect([a.status, b.status]).toEqual([202, 202]);
    const waiting = await graded(started.body.id, 'needs_manual_grading');
    expect(waiting.score).toBe(expected);
    expect(waiting.passed).toBeNull();
    const essay = chosen.find((q) => q.type === 'essay')!;
    await t
      .http()
      .post(`/api/v1/attempts/${started.body.id}/grades`)
      .set(learner)
      .send({ questionId: essay.id, points: 3 })
      .expect(403);
    await t
      .http()
      .post(`/api/v1/attempts/${started.body.id}/grades`)
      .set(instructor)
      .send({ questionId: essay.id, points: 99 })
      .expect(400);
    const done = await t
      .http()
      .post(`/api/v1/attempts/${started.body.id}/grades`)
      .set(instructor)
      .send({ questionId: essay.id, points: 3, comment: 'Khá' })
      .expect(200);
    const maxScore = chosen.reduce((s, q) => s + q.points, 0);
    expect(done.body).toMatchObject({ status: 'graded', score: expected + 3, maxScore });
    expect(done.body.score10).toBe(Math.round(((expected + 3) / maxScore) * 1000) / 100);
    expect(done.body.passed).toBe(done.body.score10 >= final.passMark);
    const mine = await as(learner, 'get', `/attempts/${started.body.id}`);
    expect(mine.body.score10).toBe(done.body.score10);
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox_events WHERE topic = 'attempt.submitted' AND payload->>'attemptId' = $1`,
      [started.body.id],
    );
    expect(count).toBe(1);
    const progress = await eventually(async () => {
      const enrollment = (await as(learner, 'get', '/me/enrollments')).body.items.find(
        (e: { classId: string }) => e.classId === classId,
      );
      return enrollment.finalScore === done.body.score10 && enrollment.classification ? enrollment : null;
    });
    expect(progress.classification).toBeTruthy();
    for (const body of learnerBodies) expect(body).not.toMatch(KEY_FIELDS);
  });

  it('refuses what the rules forbid: before opening, more attempts, late answers, others’ attempts', async () => {
    const questionIds = bank.slice(0, 3).map((q) => q.id);
    const later = await exam({
      questionIds,
      opensAt: new Date(Date.now() + 3_600_000).toISOString(),
      closesAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect((await as(learner, 'post', `/exams/${later.id}/attempts`)).body.code).toBe('exam_not_open');
    const once = await exam({ questionIds });
    const first = await as(learner, 'post', `/exams/${once.id}/attempts`);
    const again = await as(learner, 'post', `/exams/${once.id}/attempts`);
    expect(again.body.id).toBe(first.body.id);
    await as(learner, 'post', `/attempts/${first.body.id}/submit`);
    const third = await as(learner, 'post', `/exams/${once.id}/attempts`);
    expect([third.status, third.body.code]).toEqual([409, 'attempts_exhausted']);
    const late = await as(learner, 'put', `/attempts/${first.body.id}/answers`, {
      answers: [{ questionId: questionIds[0], value: 'A' }],
    });
    expect([late.status, late.body.code]).toEqual([409, 'attempt_closed']);
    await t.http().get(`/api/v1/attempts/${first.body.id}`).set(other).expect(404);
    await t
      .http()
      .put(`/api/v1/attempts/${first.body.id}/answers`)
      .set(other)
      .send({ answers: [{ questionId: questionIds[0], value: 'A' }] })
      .expect(404);
    await t.http().post(`/api/v1/attempts/${first.body.id}/submit`).set(other).expect(404);
    await t
      .http()
      .post(`/api/v1/exams/${once.id}/attempts`)
      .set(await loginAs(t, 'hv.kinhbac.1'))
      .expect(404);
    const bad = await as(learner, 'put', `/attempts/${first.body.id}/answers`, {
      answers: [{ questionId: 'x', value: 1 }],
    });
    expect(bad.status).toBe(400);
  });

  it('submits an attempt left open at its deadline with what was saved, and grades it', async () => {
    const q = bank.find((x) => x.type === 'single_choice')!;
    const closing = await exam({ questionIds: [q.id], closesAt: new Date(Date.now() + 2500).toISOString() });
    const attempt = await as(other, 'post', `/exams/${closing.id}/attempts`);
    expect(new Date(attempt.body.deadline).getTime()).toBeLessThanOrEqual(new Date(closing.closesAt).getTime());
    await t
      .http()
      .put(`/api/v1/attempts/${attempt.body.id}/answers`)
      .set(other)
      .send({ answers: [{ questionId: q.id, value: q.correct }] })
      .expect(200);
    const result = await graded(attempt.body.id);
    expect(result).toMatchObject({ score: q.points, score10: 10 });
    const [row] = await t.dataSource.query(`SELECT submitted_by FROM exam_attempts WHERE id = $1`, [attempt.body.id]);
    expect(row.submitted_by).toBe('deadline');
  });

  it('grades submissions made while Redis is unreachable once it returns, and a crashed or repeated job leaves one result', async () => {
    const questions = bank.filter((q) => q.type === 'single_choice').slice(0, 2);
    const quiz = await exam({ questionIds: questions.map((q) => q.id) });
    const attempt = await as(learner, 'post', `/exams/${quiz.id}/attempts`);
    await as(learner, 'put', `/attempts/${attempt.body.id}/answers`, {
      answers: questions.map((q) => ({ questionId: q.id, value: q.correct })),
    });
    await proxy.cut();
    try {
      expect((await as(learner, 'post', `/attempts/${attempt.body.id}/submit`)).status).toBe(202);
      await new Promise((r) => setTimeout(r, 800));
      const [pending] = await t.dataSource.query(`SELECT status FROM outbox_events WHERE dedupe_key = $1`, [
        `attempt.submitted:${attempt.body.id}`,
      ]);
      expect(pending.status).toBe('pending');
    } finally {
      await proxy.restore();
    }
    const result = await graded(attempt.body.id);
    expect(result.score10).toBe(10);
    // A job that dies half-way rolls back; a duplicate delivery changes nothing.
    const grading = t.app.get(GradingService);
    await t.dataSource
      .transaction(async (em) => {
        await em.query(`UPDATE exam_attempts SET status = 'submitted' WHERE id = $1`, [attempt.body.id]);
        await grading.onSubmitted([{ attemptId: attempt.body.id }], { em, job: undefined as never, attempt: 1 });
        throw new Error('worker killed');
      })
      .catch(() => undefined);
    await t.dataSource.transaction((em) =>
      grading.onSubmitted([{ attemptId: attempt.body.id }], { em, job: undefined as never, attempt: 2 }),
    );
    const after = await t.http().get(`/api/v1/attempts/${attempt.body.id}`).set(instructor).expect(200);
    expect(after.body).toMatchObject({ status: 'graded', score: result.score, score10: 10 });
  });

  it('regrades affected attempts when a key is corrected, updating final scores, completion and the audit log', async () => {
    const finalExam = (await t.http().get(`/api/v1/classes/${classId}/exams`).set(instructor)).body.items.find(
      (e: { kind: string }) => e.kind === 'final',
    );
    const attempts = (await t.http().get(`/api/v1/exams/${finalExam.id}/attempts`).set(instructor).expect(200)).body
      .items;
    const attempt = attempts[0];
    const target = bank.find((q) => q.type === 'single_choice' && finalExam.questionIds.includes(q.id))!;
    const newKey = target.options!.find((o) => o.key !== target.correct)!.key;
    // The course is published: only the key may change, and that is what a correction is.
    await t
      .http()
      .patch(`/api/v1/questions/${target.id}`)
      .set(await loginAs(t, 'admin', 'lyluan-admin-2026'))
      .send({ correct: newKey })
      .expect(200);
    const regraded = await eventually(async () => {
      const res = await t.http().get(`/api/v1/attempts/${attempt.id}`).set(instructor);
      return res.body.score !== attempt.score ? res.body : null;
    });
    expect(regraded.score).toBe(attempt.score - target.points);
    expect(regraded.passed).toBe(regraded.score10 >= finalExam.passMark);
    const entries = await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'attempt.regraded' AND target_id = $1`,
      [attempt.id],
    );
    expect(entries).toHaveLength(1);
    expect(entries[0].details).toMatchObject({
      before: { score10: attempt.score10 },
      after: { score10: regraded.score10 },
    });
    await eventually(async () => {
      const enrollment = (await t.http().get('/api/v1/me/enrollments').set(learner)).body.items.find(
        (e: { classId: string }) => e.classId === classId,
      );
      return enrollment.finalScore === regraded.score10;
    });
    const manual = await t.http().post(`/api/v1/exams/${finalExam.id}/regrade`).set(instructor).expect(200);
    expect(manual.body).toEqual({ attempts: attempts.length, changed: 0 });
  });

  it('grades two attempts of one learner concurrently and keeps the better one as the final score', async () => {
    const finalExam = (await t.http().get(`/api/v1/classes/${classId}/exams`).set(instructor)).body.items.find(
      (e: { kind: string }) => e.kind === 'final',
    );
    const [enrollment] = await t.dataSource.query(
      `SELECT id, user_id FROM enrollments WHERE class_id = $1 AND user_id = $2`,
      [classId, await userId(t, 'hv.minhxuan.2')],
    );
    const questions = finalExam.questionIds.map((id: string) => bank.find((q) => q.id === id)!);
    const sit = async (number: number, answer: (q: BankQuestion) => unknown, essayPoints: number) => {
      const [row] = await t.dataSource.query(
        `INSERT INTO exam_attempts (exam_id, enrollment_id, user_id, number, status, questions, started_at, deadline,
                                    submitted_at, submitted_by, max_score)
         VALUES ($1, $2, $3, $4, 'submitted', $5, now(), now() + interval '1 hour', now(), 'learner', 0) RETURNING id`,
        [
          finalExam.id,
          enrollment.id,
          enrollment.user_id,
          number,
          JSON.stringify(questions.map((q: BankQuestion) => ({ questionId: q.id, optionKeys: null }))),
        ],
      );
      for (const q of questions) {
        await t.dataSource.query(
          `INSERT INTO attempt_answers (attempt_id, question_id, value, points) VALUES ($1, $2, $3, $4)`,
          [row.id, q.id, JSON.stringify(answer(q)), q.type === 'essay' ? essayPoints : null],
        );
      }
      return row.id as string;
    };
    const better = await sit(1, rightAnswer, 5);
    const worse = await sit(2, (q) => (q.type === 'essay' ? null : wrongAnswer(q)), 0);
    const grading = t.app.get(GradingService);
    const context = (em: never) => ({ em, job: undefined as never, attempt: 1 });
    // The first batch holds the enrolment while the second grades: the second must wait and then
    // see the first one's grade, or the worse attempt would become the final score.
    let firstGraded!: () => void;
    let releaseFirst!: () => void;
    const graded = new Promise<void>((resolve) => (firstGraded = resolve));
    const release = new Promise<void>((resolve) => (releaseFirst = resolve));
    const first = t.dataSource.transaction(async (em) => {
      await grading.onSubmitted([{ attemptId: better }], context(em as never));
      firstGraded();
      await release;
    });
    await graded;
    const second = t.dataSource.transaction((em) => grading.onSubmitted([{ attemptId: worse }], context(em as never)));
    await new Promise((r) => setTimeout(r, 300));
    releaseFirst();
    await Promise.all([first, second]);
    const scores = await t.dataSource.query(
      `SELECT id, status, score10::float AS score10 FROM exam_attempts WHERE id = ANY($1)`,
      [[better, worse]],
    );
    const score = (id: string) => scores.find((r: { id: string }) => r.id === id);
    expect(score(better).status).toBe('graded');
    expect(score(worse).status).toBe('graded');
    expect(score(better).score10).toBeGreaterThan(score(worse).score10);
    const [after] = await t.dataSource.query(`SELECT final_score::float AS final FROM enrollments WHERE id = $1`, [
      enrollment.id,
    ]);
    expect(after.final).toBe(score(better).score10);
  });

  it('replays a write sent again with its Idempotency-Key, and refuses a reused or malformed key', async () => {
    const questions = bank.filter((q) => q.type === 'true_false').slice(0, 2);
    const quiz = await exam({ questionIds: questions.map((q) => q.id), title: 'Kiểm tra nhanh' });
    const attempt = await as(learner, 'post', `/exams/${quiz.id}/attempts`);
    const submit = (headers: Headers, id: string, key: string) =>
      t.http().post(`/api/v1/attempts/${id}/submit`).set(headers).set('idempotency-key', key);
    const first = await submit(learner, attempt.body.id, 'nop-bai-0001').expect(202);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await submit(learner, attempt.body.id, 'nop-bai-0001').expect(202);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);

    // The same key for another request; a key with spaces; a failed request keeps no key.
    const reused = await t
      .http()
      .post(`/api/v1/exams/${quiz.id}/attempts`)
      .set(learner)
      .set('idempotency-key', 'nop-bai-0001')
      .expect(409);
    expect(reused.body.code).toBe('idempotency_key_reused');
    const malformed = await submit(learner, attempt.body.id, 'co dau cach').expect(400);
    expect(malformed.body.errors[0].field).toBe('Idempotency-Key');
    await submit(other, attempt.body.id, 'nop-bai-0001').expect(404);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_records WHERE owner = $1`, [
      `user:${await userId(t, 'hv.minhxuan.2')}`,
    ]);
    expect(n).toBe(0);

    // Five concurrent creations with one key make one exam; the others wait their turn or replay it.
    const body = {
      title: 'Kiểm tra giữa khóa',
      kind: 'quiz',
      opensAt: new Date(Date.now() + 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
      timeLimitMinutes: 15,
      maxAttempts: 1,
      passMark: 5,
      shuffle: false,
      gradingPolicy: 'last',
      questionIds: [questions[0].id],
    };
    const create = () =>
      t
        .http()
        .post(`/api/v1/classes/${classId}/exams`)
        .set(instructor)
        .set('idempotency-key', 'tao-bai-kiem-tra-7')
        .send(body);
    const racing = await Promise.all(Array.from({ length: 5 }, create));
    expect(
      racing.every((r) => r.status === 201 || (r.status === 409 && r.body.code === 'idempotency_in_progress')),
    ).toBe(true);
    const [{ exams }] = await t.dataSource.query(
      `SELECT count(*)::int AS exams FROM exams WHERE class_id = $1 AND title = 'Kiểm tra giữa khóa'`,
      [classId],
    );
    expect(exams).toBe(1);
    const replayed = await create().expect(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect(replayed.body.id).toBe(racing.find((r) => r.status === 201)!.body.id);
  });

  it('says whether each graded attempt passed the exam’s mark, and a corrected key can change it', async () => {
    // Two questions of one value the earlier tests leave alone: one right of two is 5, below the mark.
    const used = new Set(
      bank
        .filter((q) => q.type === 'single_choice')
        .slice(0, 11)
        .map((q) => q.id),
    );
    const spare = bank.filter((q) => q.type === 'single_choice' && !used.has(q.id));
    const [q1, q2] = spare.filter((q) => q.points === spare[0].points);
    const quiz = await exam({ questionIds: [q1.id, q2.id], passMark: 7, shuffle: false, title: 'Kiểm tra đạt 7' });
    const sit = async (headers: Headers, answers: unknown[]) => {
      const attempt = await as(headers, 'post', `/exams/${quiz.id}/attempts`);
      await as(headers, 'put', `/attempts/${attempt.body.id}/answers`, {
        answers: [q1, q2].map((q, i) => ({ questionId: q.id, value: answers[i] })),
      });
      await as(headers, 'post', `/attempts/${attempt.body.id}/submit`);
      return attempt.body.id as string;
    };
    const wrongOfQ2 = wrongAnswer(q2);
    const above = await sit(learner, [q1.correct, q2.correct]);
    const below = await sit(other, [q1.correct, wrongOfQ2]);
    expect(await graded(above)).toMatchObject({ score10: 10, passed: true });
    expect(await graded(below)).toMatchObject({ score10: 5, passed: false });
    expect((await as(other, 'get', `/attempts/${below}`)).body.passed).toBe(false);

    await t
      .http()
      .patch(`/api/v1/questions/${q2.id}`)
      .set(await loginAs(t, 'admin', 'lyluan-admin-2026'))
      .send({ correct: wrongOfQ2 })
      .expect(200);
    const flipped = await eventually(async () => {
      const res = await t.http().get(`/api/v1/attempts/${below}`).set(instructor);
      return res.body.score10 === 10 ? res.body : null;
    });
    expect(flipped.passed).toBe(true);
    expect(await graded(above)).toMatchObject({ score10: 5, passed: false });
  });
});
