import { examResult, GradableQuestion, normalizeShortAnswer, passesMark, scoreAnswer, toScore10 } from './grading';

const base: GradableQuestion = {
  type: 'single_choice',
  options: [
    { key: 'A', text: 'a' },
    { key: 'B', text: 'b' },
    { key: 'C', text: 'c' },
  ],
  correct: 'B',
  acceptedAnswers: null,
  partialAnswers: null,
  points: 2,
  partialCredit: false,
  ignoreDiacritics: false,
};

describe('scoring one answer', () => {
  it('single choice and true/false: the key or nothing', () => {
    expect(scoreAnswer(base, 'B')).toBe(2);
    expect(scoreAnswer(base, 'A')).toBe(0);
    expect(scoreAnswer(base, null)).toBe(0);
    expect(scoreAnswer(base, ['B'])).toBe(0);
    const tf = { ...base, type: 'true_false' as const, correct: 'false', points: 1 };
    expect(scoreAnswer(tf, 'false')).toBe(1);
    expect(scoreAnswer(tf, 'true')).toBe(0);
  });

  it('multiple choice: all or nothing, order and repeats do not matter', () => {
    const q = { ...base, type: 'multiple_choice' as const, correct: ['A', 'C'] };
    expect(scoreAnswer(q, ['C', 'A'])).toBe(2);
    expect(scoreAnswer(q, ['A', 'C', 'A'])).toBe(2);
    expect(scoreAnswer(q, ['A'])).toBe(0);
    expect(scoreAnswer(q, ['A', 'B', 'C'])).toBe(0);
    expect(scoreAnswer(q, 'A')).toBe(0);
  });

  it('multiple choice with partial credit: by option weights when given, else right minus wrong', () => {
    const weighted = {
      ...base,
      type: 'multiple_choice' as const,
      correct: ['A', 'C'],
      partialCredit: true,
      options: [
        { key: 'A', text: 'a', weight: 50 },
        { key: 'B', text: 'b', weight: -100 },
        { key: 'C', text: 'c', weight: 50 },
      ],
    };
    expect(scoreAnswer(weighted, ['A'])).toBe(1);
    expect(scoreAnswer(weighted, ['A', 'C'])).toBe(2);
    expect(scoreAnswer(weighted, ['A', 'B'])).toBe(0);
    const plain = { ...base, type: 'multiple_choice' as const, correct: ['A', 'C'], partialCredit: true, points: 3 };
    expect(scoreAnswer(plain, ['A'])).toBe(1.5);
    expect(scoreAnswer(plain, ['A', 'B'])).toBe(0);
  });

  it('short answer: NFC, case and whitespace folded; diacritics only when the question says so', () => {
    const q = { ...base, type: 'short_answer' as const, correct: null, acceptedAnswers: ['Nguyễn Ái Quốc'], points: 1 };
    expect(scoreAnswer(q, '  nguyễn   ái QUỐC ')).toBe(1);
    expect(scoreAnswer(q, 'Nguye\u0302\u0303n A\u0301i Quo\u0302\u0301c')).toBe(1);
    expect(scoreAnswer(q, 'nguyen ai quoc')).toBe(0);
    expect(scoreAnswer({ ...q, ignoreDiacritics: true }, 'nguyen ai quoc')).toBe(1);
    expect(scoreAnswer(q, '')).toBe(0);
    expect(normalizeShortAnswer('Đảng  Cộng sản', true)).toBe('dang cong san');
  });

  it('short answer with partial answers: full points for an accepted one, else the best share that matches', () => {
    const q = {
      ...base,
      type: 'short_answer' as const,
      correct: null,
      acceptedAnswers: ['Hồ Chí Minh'],
      partialAnswers: [
        { text: 'Nguyễn Tất Thành', weight: 50 },
        { text: 'nguyễn tất  thành', weight: 25 },
        { text: 'Bác Hồ', weight: 33.3 },
      ],
      points: 3,
    };
    expect(scoreAnswer(q, 'hồ chí minh')).toBe(3);
    expect(scoreAnswer(q, ' NGUYỄN TẤT THÀNH')).toBe(1.5);
    expect(scoreAnswer(q, 'Bác Hồ')).toBe(1);
    expect(scoreAnswer(q, 'Nguyễn Ái Quốc')).toBe(0);
    expect(scoreAnswer({ ...q, ignoreDiacritics: true }, 'nguyen tat thanh')).toBe(1.5);
  });

  it('essays wait for a person', () => {
    expect(scoreAnswer({ ...base, type: 'essay', correct: null }, 'Bài viết')).toBeNull();
  });
});

describe('the 10-point scale and the exam result', () => {
  it('scales with two decimals', () => {
    expect(toScore10(17, 20)).toBe(8.5);
    expect(toScore10(2, 3)).toBe(6.67);
    expect(toScore10(0, 0)).toBe(0);
  });

  it('passes an attempt whose score reaches the exam’s pass mark, and decides nothing before grading', () => {
    expect(passesMark(5, 5)).toBe(true);
    expect(passesMark(4.99, 5)).toBe(false);
    expect(passesMark(10, 7.5)).toBe(true);
    expect(passesMark(0, 0)).toBe(true);
    expect(passesMark(null, 5)).toBeNull();
  });

  it('takes the highest or the last graded attempt', () => {
    const attempts = [
      { score10: 8, submittedAt: new Date('2026-11-01T08:00:00Z') },
      { score10: 6.5, submittedAt: new Date('2026-11-02T08:00:00Z') },
    ];
    expect(examResult(attempts, 'highest')).toBe(8);
    expect(examResult(attempts, 'last')).toBe(6.5);
    expect(examResult([], 'last')).toBeNull();
  });
});
