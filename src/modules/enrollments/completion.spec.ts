import {
  COMPLETION_RULE_MODES,
  CompletionRule,
  DEFAULT_COMPLETION_RULE,
  DEFAULT_GRADING_SCALE,
} from '../curricula/course-settings';
import { attendanceRate, classify, CompletionFacts, evaluateCompletion } from './completion';

describe('attendance rate', () => {
  it('counts present and late as attended and leaves excused sessions out', () => {
    expect(attendanceRate(['present', 'late', 'absent', null])).toBe(0.5);
    expect(attendanceRate(['present', 'excused', 'excused', 'absent'])).toBe(0.5);
    expect(attendanceRate(['present', 'present', 'excused'])).toBe(1);
  });

  it('is null before any session counts', () => {
    expect(attendanceRate([])).toBeNull();
    expect(attendanceRate(['excused'])).toBeNull();
  });

  it('rounds to four decimals', () => {
    expect(attendanceRate(['present', 'absent', 'absent'])).toBe(0.3333);
  });
});

describe('classification', () => {
  it('follows the default scale of docs/domain.md at its boundaries', () => {
    const at = (score: number) => classify(score, DEFAULT_GRADING_SCALE);
    expect([at(10), at(9), at(8.99), at(8), at(7), at(6.99), at(5), at(4.99), at(0)]).toEqual([
      'xuat_sac',
      'xuat_sac',
      'gioi',
      'gioi',
      'kha',
      'trung_binh',
      'trung_binh',
      'khong_dat',
      'khong_dat',
    ]);
    expect(classify(null, DEFAULT_GRADING_SCALE)).toBeNull();
  });

  it('uses the course’s own thresholds', () => {
    expect(classify(8.2, { xuat_sac: 9.5, gioi: 8.5, kha: 7, trung_binh: 5 })).toBe('kha');
  });
});

describe('completion rule', () => {
  const facts: CompletionFacts = {
    mode: 'in_person',
    requireFinalExam: true,
    attendanceRate: 1,
    mandatoryLessonsCompleted: 0,
    mandatoryLessonsTotal: 9,
    finalScore: 7.5,
  };

  it('is met with full attendance and a passing final score', () => {
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, facts)).toEqual({ met: true, unmet: [] });
  });

  it('fails below the attendance threshold, and at exactly 80% passes', () => {
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, attendanceRate: 0.5 }).unmet).toEqual([
      'Chuyên cần 50%, cần tối thiểu 80%.',
    ]);
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, attendanceRate: 0.8 }).met).toBe(true);
  });

  it('requires mandatory lessons in the modes where lessons are tracked: online and hybrid by default', () => {
    const unmet = (mode: CompletionFacts['mode'], rule = DEFAULT_COMPLETION_RULE) =>
      evaluateCompletion(rule, { ...facts, mode }).unmet;
    expect(unmet('in_person')).toEqual([]);
    expect(unmet('online')).toEqual(['Mới hoàn thành 0/9 bài học bắt buộc.']);
    expect(unmet('hybrid')).toEqual(['Mới hoàn thành 0/9 bài học bắt buộc.']);
    for (const mode of ['online', 'hybrid'] as const) {
      expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, mode, mandatoryLessonsCompleted: 9 }).met).toBe(
        true,
      );
    }
  });

  it('follows the course’s own rule: the modes it tracks lessons in, or no lesson condition at all', () => {
    const everywhere: CompletionRule = { ...DEFAULT_COMPLETION_RULE, lessonTrackingModes: [...COMPLETION_RULE_MODES] };
    expect(evaluateCompletion(everywhere, facts).unmet).toEqual(['Mới hoàn thành 0/9 bài học bắt buộc.']);
    const onlineOnly: CompletionRule = { ...DEFAULT_COMPLETION_RULE, lessonTrackingModes: ['online'] };
    expect(evaluateCompletion(onlineOnly, { ...facts, mode: 'hybrid' }).met).toBe(true);
    const relaxed = { ...DEFAULT_COMPLETION_RULE, requireMandatoryLessons: false };
    for (const mode of ['in_person', 'online', 'hybrid'] as const) {
      expect(evaluateCompletion(relaxed, { ...facts, mode }).met).toBe(true);
    }
  });

  it('requires a final score at the pass mark unless the course or the class turns the exam off', () => {
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, finalScore: null }).unmet).toEqual([
      'Chưa có kết quả bài kiểm tra cuối khóa.',
    ]);
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, finalScore: 4.99 }).met).toBe(false);
    expect(evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, finalScore: 5 }).met).toBe(true);
    expect(
      evaluateCompletion(DEFAULT_COMPLETION_RULE, { ...facts, finalScore: null, requireFinalExam: false }).met,
    ).toBe(true);
    const noExam = { ...DEFAULT_COMPLETION_RULE, requireFinalExam: false };
    expect(evaluateCompletion(noExam, { ...facts, finalScore: null }).met).toBe(true);
  });

  it('lists every unmet condition', () => {
    const verdict = evaluateCompletion(DEFAULT_COMPLETION_RULE, {
      ...facts,
      mode: 'online',
      attendanceRate: 0,
      finalScore: 3,
    });
    expect(verdict.unmet).toHaveLength(3);
  });
});
