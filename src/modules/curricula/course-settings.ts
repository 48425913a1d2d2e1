import type { ClassMode } from '../classes/classes.service';

/**
 * Per-course settings (docs/domain.md): the completion rule and the grading scale. A course stores them
 * whole; what a request or a package leaves out takes the default below.
 */
export interface CompletionRule {
  /** Attended share of held sessions needed, 0..1. */
  minAttendanceRate: number;
  requireMandatoryLessons: boolean;
  /**
   * Class modes in which learners mark lessons complete, so `requireMandatoryLessons` applies there;
   * in a room the sessions are the lessons. Hybrid classes have learners studying online too.
   */
  lessonTrackingModes: ClassMode[];
  requireFinalExam: boolean;
  /** Lowest final score (10-point scale) that passes. */
  passMark: number;
}

/** Lowest score (10-point scale) of each classification; below `trung_binh` is không đạt. */
export interface GradingScale {
  xuat_sac: number;
  gioi: number;
  kha: number;
  trung_binh: number;
}

/**
 * The class modes a rule may name. Curricula sit below classes, so the list is checked against the
 * classes' `ClassMode` at compile time rather than imported from their entity.
 */
const MODES: Record<ClassMode, true> = { in_person: true, online: true, hybrid: true };
export const COMPLETION_RULE_MODES = Object.keys(MODES) as ClassMode[];

export const DEFAULT_COMPLETION_RULE: CompletionRule = {
  minAttendanceRate: 0.8,
  requireMandatoryLessons: true,
  lessonTrackingModes: ['online', 'hybrid'],
  requireFinalExam: true,
  passMark: 5.0,
};

export const DEFAULT_GRADING_SCALE: GradingScale = { xuat_sac: 9, gioi: 8, kha: 7, trung_binh: 5 };

export interface SettingProblem {
  path: string;
  message: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function unknownFields(value: Record<string, unknown>, known: object, at: string): SettingProblem[] {
  return Object.keys(value)
    .filter((key) => !(key in known))
    .map((key) => ({ path: `${at}.${key}`, message: 'trường này không được phép' }));
}

function score(value: unknown, path: string, problems: SettingProblem[]): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 10) {
    problems.push({ path, message: 'phải là số từ 0 đến 10' });
  }
}

/** The rule with defaults filled in, or the problems of what was given (`at` prefixes the paths). */
export function resolveCompletionRule(
  given: unknown,
  at = 'completionRule',
  base: CompletionRule = DEFAULT_COMPLETION_RULE,
): { value: CompletionRule; problems: SettingProblem[] } {
  if (given === undefined || given === null) return { value: { ...base }, problems: [] };
  if (!isRecord(given)) return { value: base, problems: [{ path: at, message: 'phải là một đối tượng' }] };
  const value = { ...base, ...given } as CompletionRule;
  const problems = unknownFields(given, DEFAULT_COMPLETION_RULE, at);
  const rate = value.minAttendanceRate;
  if (typeof rate !== 'number' || !Number.isFinite(rate) || rate < 0 || rate > 1) {
    problems.push({ path: `${at}.minAttendanceRate`, message: 'phải là số từ 0 đến 1' });
  }
  for (const flag of ['requireMandatoryLessons', 'requireFinalExam'] as const) {
    if (typeof value[flag] !== 'boolean') problems.push({ path: `${at}.${flag}`, message: 'phải là true hoặc false' });
  }
  const modes: unknown = value.lessonTrackingModes;
  if (
    !Array.isArray(modes) ||
    new Set(modes).size !== modes.length ||
    !modes.every((mode) => typeof mode === 'string' && Object.hasOwn(MODES, mode))
  ) {
    problems.push({
      path: `${at}.lessonTrackingModes`,
      message: `phải là danh sách không lặp lại gồm các hình thức ${COMPLETION_RULE_MODES.join(', ')}`,
    });
  }
  score(value.passMark, `${at}.passMark`, problems);
  return { value, problems };
}

/** The scale with defaults filled in; thresholds must fall strictly from xuất sắc to trung bình. */
export function resolveGradingScale(
  given: unknown,
  at = 'gradingScale',
  base: GradingScale = DEFAULT_GRADING_SCALE,
): { value: GradingScale; problems: SettingProblem[] } {
  if (given === undefined || given === null) return { value: { ...base }, problems: [] };
  if (!isRecord(given)) return { value: base, problems: [{ path: at, message: 'phải là một đối tượng' }] };
  const value = { ...base, ...given } as GradingScale;
  const problems = unknownFields(given, DEFAULT_GRADING_SCALE, at);
  const order = ['xuat_sac', 'gioi', 'kha', 'trung_binh'] as const;
  order.forEach((level) => score(value[level], `${at}.${level}`, problems));
  if (problems.length === 0) {
    order.slice(1).forEach((level, i) => {
      if (value[level] >= value[order[i]]) {
        problems.push({ path: `${at}.${level}`, message: `phải nhỏ hơn ngưỡng ${order[i]} (${value[order[i]]})` });
      }
    });
  }
  return { value, problems };
}
