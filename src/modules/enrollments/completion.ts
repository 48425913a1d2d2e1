import type { ClassMode } from '../classes/classes.service';
import type { AttendanceStatus } from '../classes/sessions.service';
import type { CompletionRule, GradingScale } from '../curricula/course-settings';

export const CLASSIFICATIONS = ['xuat_sac', 'gioi', 'kha', 'trung_binh', 'khong_dat'] as const;
export type Classification = (typeof CLASSIFICATIONS)[number];

/**
 * Attended (present or late) ÷ sessions held so far; an excused session counts neither way.
 * `records` has one entry per held session: the learner's status there, or null when nobody
 * recorded them (absent). Null when no session counts yet.
 */
export function attendanceRate(records: (AttendanceStatus | null)[]): number | null {
  const counted = records.filter((status) => status !== 'excused');
  if (counted.length === 0) return null;
  const attended = counted.filter((status) => status === 'present' || status === 'late').length;
  return Math.round((attended / counted.length) * 10_000) / 10_000;
}

/** The classification of a score on the 10-point scale, by the course's thresholds. */
export function classify(score: number | null, scale: GradingScale): Classification | null {
  if (score === null) return null;
  if (score >= scale.xuat_sac) return 'xuat_sac';
  if (score >= scale.gioi) return 'gioi';
  if (score >= scale.kha) return 'kha';
  if (score >= scale.trung_binh) return 'trung_binh';
  return 'khong_dat';
}

export interface CompletionFacts {
  mode: ClassMode;
  /** The class's own switch for the final exam requirement (docs/domain.md: a per-course setting a class may turn off). */
  requireFinalExam: boolean;
  attendanceRate: number | null;
  mandatoryLessonsCompleted: number;
  mandatoryLessonsTotal: number;
  finalScore: number | null;
}

export interface CompletionVerdict {
  met: boolean;
  /** Why not, in Vietnamese, one line per unmet condition. */
  unmet: string[];
}

const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;

/**
 * The completion rule (docs/domain.md): attendance at least the rule's share of held sessions; every
 * mandatory lesson marked complete in the modes where the rule tracks lessons (online and hybrid by
 * default: in a room the sessions are the lessons); a final result at least the pass mark when an
 * exam is required.
 */
export function evaluateCompletion(rule: CompletionRule, facts: CompletionFacts): CompletionVerdict {
  const unmet: string[] = [];
  if (facts.attendanceRate !== null && facts.attendanceRate < rule.minAttendanceRate) {
    unmet.push(`Chuyên cần ${percent(facts.attendanceRate)}, cần tối thiểu ${percent(rule.minAttendanceRate)}.`);
  }
  if (
    rule.requireMandatoryLessons &&
    rule.lessonTrackingModes.includes(facts.mode) &&
    facts.mandatoryLessonsCompleted < facts.mandatoryLessonsTotal
  ) {
    unmet.push(`Mới hoàn thành ${facts.mandatoryLessonsCompleted}/${facts.mandatoryLessonsTotal} bài học bắt buộc.`);
  }
  if (rule.requireFinalExam && facts.requireFinalExam) {
    if (facts.finalScore === null) unmet.push('Chưa có kết quả bài kiểm tra cuối khóa.');
    else if (facts.finalScore < rule.passMark) {
      unmet.push(`Điểm cuối khóa ${facts.finalScore.toFixed(2)}, cần tối thiểu ${rule.passMark.toFixed(2)}.`);
    }
  }
  return { met: unmet.length === 0, unmet };
}
