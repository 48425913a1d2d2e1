import { canonicalJson, contentHash } from '../../src/modules/certificates/certificate-content';
import { CertificateIssuanceService } from '../../src/modules/certificates/certificate-issuance.service';
import { ServiceTier, useServiceTier } from '../support/service-tier';

describe('certificates: issuing under concurrency, the backfill, frozen content', () => {
  const tier = useServiceTier();
  let s: ServiceTier;
  let issuance: CertificateIssuanceService;

  /** A class of `n` completed learners, in a unit with issuing settings of its own. */
  const completedClass = async (n: number) => {
    const course = await s.factory.course();
    const classId = await s.factory.trainingClass({ courseId: course.id, requireFinalExam: false });
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const username = await s.factory.person(`Học viên Thứ ${i + 1}`, '1990-05-17');
      ids.push((await s.factory.enrollment(classId, username)).id);
    }
    await s.query(`UPDATE enrollments SET status = 'completed', completed_at = now() WHERE class_id = $1`, [classId]);
    return { classId, ids };
  };

  const serialsOf = async (classId: string) =>
    (
      await s.query<{ serial: string }>(`SELECT serial FROM certificates WHERE class_id = $1 AND status = 'valid'`, [
        classId,
      ])
    ).map((r) => r.serial);

  const numbers = (serials: string[]) => serials.map((serial) => Number(serial.split('/').pop())).sort((a, b) => a - b);

  beforeAll(async () => {
    s = tier();
    issuance = s.get(CertificateIssuanceService);
    await s.query(
      `INSERT INTO certificate_settings (org_unit_id, signer_name, signer_title, place, header_lines, serial_pattern)
       SELECT org_unit_id, 'Nguyễn Văn An', 'GIÁM ĐỐC', 'Hà Nội', '["HỌC VIỆN CHÍNH TRỊ KHU VỰC I"]', '{unitCode}/{year}/{seq:000000}'
         FROM courses WHERE version = '2022'`,
    );
  });

  it('gives 20 concurrent issues 20 unique serials with no gap, and a rolled-back issue gives its number back', async () => {
    const { classId, ids } = await completedClass(21);
    const [before] = await s.query<{ last: number | null }>(
      `SELECT max(last_number) AS last FROM certificate_serial_counters`,
    );
    const start = (before.last ?? 0) + 1;
    await expect(
      s.transaction(async (em) => {
        await issuance.issue(em, [ids[20]]);
        throw new Error('the request failed after issuing');
      }),
    ).rejects.toThrow('the request failed');
    await Promise.all(ids.slice(0, 20).map((id) => s.transaction((em) => issuance.issue(em, [id]))));
    const serials = await serialsOf(classId);
    expect(new Set(serials).size).toBe(20);
    expect(numbers(serials)).toEqual(Array.from({ length: 20 }, (_, i) => start + i));
    await s.transaction((em) => issuance.issue(em, [ids[20]]));
    expect(numbers(await serialsOf(classId))).toEqual(Array.from({ length: 21 }, (_, i) => start + i));
  });

  it('issues the same enrolment once however often and however concurrently it is asked', async () => {
    const { classId, ids } = await completedClass(3);
    await Promise.all([1, 2, 3, 4].map(() => s.transaction((em) => issuance.issue(em, ids))));
    expect(await serialsOf(classId)).toHaveLength(3);
  });

  it('backfills completions from before certificates existed, once', async () => {
    const { classId } = await completedClass(4);
    expect(await issuance.backfill()).toBe(4);
    expect(await issuance.backfill()).toBe(0);
    expect(await serialsOf(classId)).toHaveLength(4);
  });

  it('keeps the printed content and its hash when the person or the class changes later', async () => {
    const { classId, ids } = await completedClass(1);
    await s.transaction((em) => issuance.issue(em, ids));
    const read = async () =>
      (
        await s.query<{ content: object; content_hash: string }>(
          `SELECT content, content_hash FROM certificates WHERE class_id = $1`,
          [classId],
        )
      )[0];
    const before = await read();
    expect(before.content_hash).toBe(contentHash(before.content as never));
    expect(canonicalJson(before.content)).toContain('"fullName":"Học viên Thứ 1"');
    await s.query(
      `UPDATE users SET full_name = 'Tên Đã Sửa' WHERE id = (SELECT user_id FROM enrollments WHERE id = $1)`,
      [ids[0]],
    );
    await s.query(`UPDATE classes SET title = 'Tiêu đề mới' WHERE id = $1`, [classId]);
    expect(await read()).toEqual(before);
  });
});
