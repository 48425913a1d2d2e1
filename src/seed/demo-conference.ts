import { EntityManager } from 'typeorm';
import { startOfDay, todayIn } from '../common/calendar';
import { newCheckInSecret } from '../modules/classes/check-in-code';

/**
 * The demo conference: the 2026 thematic topic (programme CD-2026) studied by a provincial school
 * in one hybrid session reaching 98 bridge points, the example of docs/domain.md (7 communes, 60 hamlets,
 * 30 schools and the main hall). Demo data only; the check-in benchmark enrols its learners.
 */
export const CONFERENCE_CLASS_CODE = 'HN-CD2026-TQ';
const CONFERENCE_UNIT_CODE = 'TCT-TUYENQUANG';
const CONFERENCE_PROGRAM_CODE = 'CD-2026';
const CONFERENCE_TITLE = 'Hội nghị học tập chuyên đề năm 2026';
const MAIN_HALL = 'Hội trường Tỉnh ủy (điểm cầu chính)';

interface ConferenceCommune {
  name: string;
  hamlets: string[];
  schools: string[];
}

/** 7 communes, 60 hamlets (9+9+9+9+8+8+8) and 30 schools (5+5+4+4+4+4+4). */
const COMMUNES: ConferenceCommune[] = [
  {
    name: 'Tân Trào',
    hamlets: ['Tân Lập', 'Mỏ Ché', 'Cả', 'Bòng', 'Thia', 'Lũng Búng', 'Tiền Phong', 'Khuôn Ráng', 'Vĩnh Tân'],
    schools: [
      'Trường Mầm non Tân Trào',
      'Trường Tiểu học Tân Trào',
      'Trường THCS Tân Trào',
      'Trường PTDTBT THCS Tân Trào',
      'Trường Tiểu học Tân Trào số 2',
    ],
  },
  {
    name: 'Minh Thanh',
    hamlets: [
      'Cầu Đá',
      'Khuân Ráng',
      'Tân Thành',
      'Cây Thông',
      'Đồng Bừa',
      'Khuôn Phầy',
      'Tân Trào',
      'Đồng Đài',
      'Lục Liêu',
    ],
    schools: [
      'Trường Mầm non Minh Thanh',
      'Trường Tiểu học Minh Thanh',
      'Trường THCS Minh Thanh',
      'Trường Tiểu học Minh Thanh số 2',
      'Trường THCS Ngòi Trườn',
    ],
  },
  {
    name: 'Trung Yên',
    hamlets: [
      'Đồng Đình',
      'Làng Mạ',
      'Khuôn Lăn',
      'Cao Ngỗi',
      'Đồng Đài',
      'Vực Vại',
      'Lảng Ngoài',
      'Cây Đa',
      'Đồng Rôm',
    ],
    schools: [
      'Trường Mầm non Trung Yên',
      'Trường Tiểu học Trung Yên',
      'Trường THCS Trung Yên',
      'Trường THCS Lương Thiện',
    ],
  },
  {
    name: 'Kim Bình',
    hamlets: [
      'Đồng Vàng',
      'Nà Coóc',
      'Khuổi Hỏi',
      'Bản Bung',
      'Nà Hu',
      'Đồng Luộc',
      'Nà Mỏ',
      'Bản Khoẻn',
      'Khuôn Khán',
    ],
    schools: ['Trường Mầm non Kim Bình', 'Trường Tiểu học Kim Bình', 'Trường THCS Kim Bình', 'Trường THCS Vinh Quang'],
  },
  {
    name: 'Hồng Thái',
    hamlets: ['Nà Mèn', 'Khuôn Hẻ', 'Phai Đá', 'Nà Khà', 'Nà Lá', 'Bản Chợ', 'Đon Bả', 'Khuổi Nhừ'],
    schools: ['Trường Mầm non Hồng Thái', 'Trường Tiểu học Hồng Thái', 'Trường THCS Hồng Thái', 'Trường THCS Đà Vị'],
  },
  {
    name: 'Bình Xa',
    hamlets: ['Tân Bình', 'Làng Chẩu', 'Bó Củng', 'Bản Chang', 'Nà Khau', 'Đồng Phai', 'Làng Mới', 'Cốc Phát'],
    schools: ['Trường Mầm non Bình Xa', 'Trường Tiểu học Bình Xa', 'Trường THCS Bình Xa', 'Trường THCS Minh Hương'],
  },
  {
    name: 'Yên Sơn',
    hamlets: ['Đồng Cháy', 'Tân Quang', 'Hòa Bình', 'Cầu Trôi', 'Đồng Chằm', 'Nhùng Đình', 'Trầm Ân', 'Làng Bục'],
    schools: ['Trường Mầm non Yên Sơn', 'Trường Tiểu học Yên Sơn', 'Trường THCS Yên Sơn', 'Trường THCS Lang Quán'],
  },
];

/** The 98 bridge point names, the main hall first. */
export function conferenceBridgePoints(): string[] {
  return [
    MAIN_HALL,
    ...COMMUNES.map((c) => `Điểm cầu xã ${c.name}`),
    ...COMMUNES.flatMap((c) => c.hamlets.map((h) => `Nhà văn hóa thôn ${h}, xã ${c.name}`)),
    ...COMMUNES.flatMap((c) => c.schools),
  ];
}

/**
 * Idempotent: creates the class if the unit has none with its code, and its session (with the
 * bridge points) only if the class has no session, so staff edits survive a restart. The session is
 * 07:30–11:30 on the seed day in the class's time zone and does not move on later starts.
 */
export async function seedDemoConference(em: EntityManager, timezone: string): Promise<number> {
  const [unit]: { id: string }[] = await em.query(`SELECT id FROM org_units WHERE lower(code) = lower($1)`, [
    CONFERENCE_UNIT_CODE,
  ]);
  const [course]: { id: string }[] = await em.query(
    `SELECT c.id FROM courses c JOIN programs p ON p.id = c.program_id
      WHERE lower(p.code) = lower($1) AND c.status = 'published' ORDER BY c.published_at, c.id LIMIT 1`,
    [CONFERENCE_PROGRAM_CODE],
  );
  // An admin may have removed or archived what the conference hangs on; then there is nothing to add.
  if (!unit || !course) return 0;
  let created = 0;
  const today = todayIn(timezone);
  let [found]: { id: string }[] = await em.query(`SELECT id FROM classes WHERE org_unit_id = $1 AND code = $2`, [
    unit.id,
    CONFERENCE_CLASS_CODE,
  ]);
  if (!found) {
    [found] = await em.query(
      `INSERT INTO classes (course_id, org_unit_id, code, title, starts_on, ends_on, mode, capacity,
                            enrollment_policy, timezone, status, require_final_exam, opened_at)
       VALUES ($1, $2, $3, $4, $5, $5, 'hybrid', NULL, 'closed', $6, 'open', false, now()) RETURNING id`,
      [course.id, unit.id, CONFERENCE_CLASS_CODE, CONFERENCE_TITLE, today, timezone],
    );
    created++;
  }
  const sessions: unknown[] = await em.query(`SELECT 1 FROM class_sessions WHERE class_id = $1 LIMIT 1`, [found.id]);
  if (sessions.length > 0) return created;
  const midnight = startOfDay(today, timezone).getTime();
  const hour = 3_600_000;
  const [session]: { id: string }[] = await em.query(
    `INSERT INTO class_sessions (class_id, starts_at, ends_at, lesson_ids, location, check_in_secret)
     VALUES ($1, $2, $3, ARRAY(SELECT id FROM lessons WHERE course_id = $4 ORDER BY position), $5, $6)
     RETURNING id`,
    [
      found.id,
      new Date(midnight + 7.5 * hour),
      new Date(midnight + 11.5 * hour),
      course.id,
      MAIN_HALL,
      newCheckInSecret(),
    ],
  );
  await em.query(`INSERT INTO bridge_points (session_id, name) SELECT $1, unnest($2::text[])`, [
    session.id,
    conferenceBridgePoints(),
  ]);
  return created + 1;
}
