import type { Headers } from './actors';
import { unitId } from './actors';
import { createClass, openClass } from './classes';
import { eventually, TestApp } from './test-app';

const HOUR = 3_600_000;

export const SETTINGS = {
  signerName: 'Trần Văn Hùng',
  signerTitle: 'PHÓ GIÁM ĐỐC',
  signerAuthority: 'KT. GIÁM ĐỐC',
  place: 'Tuyên Quang',
  headerLines: ['TỈNH ỦY TUYÊN QUANG', 'TRƯỜNG CHÍNH TRỊ'],
};

export async function saveSettings(t: TestApp, as: Headers, unitCode: string, fields: Record<string, unknown> = {}) {
  const res = await t
    .http()
    .put(`/api/v1/org-units/${await unitId(t, unitCode)}/certificate-settings`)
    .set(as)
    .send({ ...SETTINGS, ...fields })
    .expect(200);
  return res.body;
}

export interface Learner {
  username: string;
  fullName: string;
  dateOfBirth: string;
  email?: string;
}

/**
 * An in-person class without a final exam, its learners imported, one session held: `present`
 * learners complete at closing, `absent` ones fail, `withdrawn` ones leave before. Answers the class
 * and each learner's enrolment id.
 */
export async function runClass(
  t: TestApp,
  as: Headers,
  fields: { courseId: string; orgUnitId: string },
  learners: (Learner & { outcome: 'present' | 'absent' | 'withdrawn' })[],
  { close = true } = {},
): Promise<{ classId: string; enrollmentOf: Record<string, string> }> {
  const created = await createClass(t, as, { ...fields, mode: 'in_person', requireFinalExam: false });
  await openClass(t, as, created.id);
  const csv = [
    'username,fullName,dateOfBirth,email,phone,partyStatus,partyAdmissionDate',
    ...learners.map((l) => `${l.username},${l.fullName},${l.dateOfBirth},${l.email ?? ''},,probationary,2026-03-02`),
  ].join('\n');
  const accepted = await t
    .http()
    .post(`/api/v1/classes/${created.id}/enrollments/import`)
    .set(as)
    .attach('file', Buffer.from(csv), 'hoc-vien.csv')
    .expect(202);
  await eventually(async () => {
    const res = await t.http().get(`/api/v1/imports/${accepted.body.importId}`).set(as).expect(200);
    if (res.body.status === 'failed') throw new Error(JSON.stringify(res.body));
    return res.body.status === 'done' ? res.body : null;
  });
  const rows: { id: string; username: string; user_id: string }[] = await t.dataSource.query(
    `SELECT e.id, u.username, u.id AS user_id FROM enrollments e JOIN users u ON u.id = e.user_id WHERE e.class_id = $1`,
    [created.id],
  );
  const enrollmentOf = Object.fromEntries(rows.map((r) => [r.username, r.id]));
  const userOf = Object.fromEntries(rows.map((r) => [r.username, r.user_id]));
  const session = await t
    .http()
    .post(`/api/v1/classes/${created.id}/sessions`)
    .set(as)
    .send({
      startsAt: new Date(Date.now() - 26 * HOUR).toISOString(),
      endsAt: new Date(Date.now() - 23 * HOUR).toISOString(),
      lessonIds: [],
    })
    .expect(201);
  const present = learners.filter((l) => l.outcome !== 'withdrawn');
  await t
    .http()
    .put(`/api/v1/sessions/${session.body.id}/attendance`)
    .set(as)
    .send({
      records: present.map((l) => ({
        userId: userOf[l.username],
        status: l.outcome === 'present' ? 'present' : 'absent',
      })),
    })
    .expect(200);
  for (const l of learners.filter((l) => l.outcome === 'withdrawn')) {
    await t
      .http()
      .patch(`/api/v1/enrollments/${enrollmentOf[l.username]}`)
      .set(as)
      .send({ status: 'withdrawn' })
      .expect(200);
  }
  if (close) await t.http().post(`/api/v1/classes/${created.id}/close`).set(as).expect(200);
  return { classId: created.id, enrollmentOf };
}

/** The class's certificates once `count` of them are in `status` (and, for valid ones, their PDFs stored). */
export async function certificatesOf(t: TestApp, as: Headers, classId: string, count: number, status = 'valid') {
  return eventually(async () => {
    const res = await t.http().get(`/api/v1/classes/${classId}/certificates?limit=200`).set(as).expect(200);
    const items = res.body.items.filter((c: { status: string; pdfReady: boolean }) => c.status === status);
    const ready = status !== 'valid' || items.every((c: { pdfReady: boolean }) => c.pdfReady);
    return items.length === count && ready ? items : null;
  });
}
