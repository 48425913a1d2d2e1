import { completionRow, periodCover, zeroFigures } from './figures';

describe('periodCover', () => {
  it('reads whole months from month counters and the edges from day counters', () => {
    expect(periodCover('2025-01-15', '2025-04-10')).toEqual({
      months: { from: '2025-02-01', toExclusive: '2025-04-01' },
      days: [
        ['2025-01-15', '2025-01-31'],
        ['2025-04-01', '2025-04-10'],
      ],
    });
  });

  it('needs no day counters for month-aligned periods, across a year end', () => {
    expect(periodCover('2024-12-01', '2025-02-28')).toEqual({
      months: { from: '2024-12-01', toExclusive: '2025-03-01' },
      days: [],
    });
  });

  it('uses only day counters inside one month', () => {
    expect(periodCover('2025-03-02', '2025-03-30')).toEqual({ months: null, days: [['2025-03-02', '2025-03-30']] });
  });

  it('uses day counters for two partial months with no whole month between', () => {
    expect(periodCover('2025-03-02', '2025-04-05')).toEqual({ months: null, days: [['2025-03-02', '2025-04-05']] });
  });

  it('leaves open ends open', () => {
    expect(periodCover()).toEqual({ months: {}, days: [] });
    expect(periodCover('2025-03-02')).toEqual({
      months: { from: '2025-04-01', toExclusive: undefined },
      days: [['2025-03-02', '2025-03-31']],
    });
    expect(periodCover(undefined, '2024-02-29')).toEqual({
      months: { from: undefined, toExclusive: '2024-03-01' },
      days: [],
    });
  });
});

describe('completionRow', () => {
  it('rounds rates half up as SQL round() does, and has none without results', () => {
    const f = { ...zeroFigures(), completed: 1, failed: 7, scored: 2, scoreSumCenti: 2001 };
    const row = completionRow('k', 'Nhãn', f);
    expect(row.passRate).toBe(0.125);
    expect(row.averageScore).toBe(10.01);
    expect(completionRow('k', 'Nhãn', zeroFigures())).toMatchObject({ passRate: null, averageScore: null });
  });
});
