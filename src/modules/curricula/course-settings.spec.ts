import { DEFAULT_COMPLETION_RULE, resolveCompletionRule, resolveGradingScale } from './course-settings';

describe('course settings', () => {
  it('fills what is left out with the defaults of docs/domain.md', () => {
    expect(resolveCompletionRule(undefined).value).toEqual(DEFAULT_COMPLETION_RULE);
    expect(resolveCompletionRule({ requireFinalExam: false }).value).toEqual({
      ...DEFAULT_COMPLETION_RULE,
      requireFinalExam: false,
    });
    expect(resolveGradingScale({ gioi: 8.5 }).value).toEqual({ xuat_sac: 9, gioi: 8.5, kha: 7, trung_binh: 5 });
  });

  it('names each wrong field of the completion rule', () => {
    const { problems } = resolveCompletionRule({ minAttendanceRate: 1.5, passMark: 11, requireFinalExam: 'yes', x: 1 });
    expect(problems.map((p) => p.path).sort()).toEqual([
      'completionRule.minAttendanceRate',
      'completionRule.passMark',
      'completionRule.requireFinalExam',
      'completionRule.x',
    ]);
    for (const lessonTrackingModes of ['online', ['online', 'online'], ['online', 'elearning'], [1]]) {
      expect(resolveCompletionRule({ lessonTrackingModes }).problems.map((p) => p.path)).toEqual([
        'completionRule.lessonTrackingModes',
      ]);
    }
    expect(resolveCompletionRule({ lessonTrackingModes: [] }).problems).toEqual([]);
    expect(resolveCompletionRule([1], 'rule').problems).toEqual([{ path: 'rule', message: 'phải là một đối tượng' }]);
  });

  it('requires the grading thresholds to fall strictly', () => {
    expect(resolveGradingScale({ kha: 8 }).problems).toEqual([
      { path: 'gradingScale.kha', message: 'phải nhỏ hơn ngưỡng gioi (8)' },
    ]);
    expect(resolveGradingScale({ xuat_sac: -1 }).problems[0].path).toBe('gradingScale.xuat_sac');
  });

  it('resolves a partial change against the stored settings, not the defaults', () => {
    const stored = { ...DEFAULT_COMPLETION_RULE, minAttendanceRate: 0.5 };
    expect(resolveCompletionRule({ passMark: 6 }, 'completionRule', stored).value).toEqual({
      ...stored,
      passMark: 6,
    });
  });
});
