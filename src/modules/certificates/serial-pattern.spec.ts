import { DEFAULT_SERIAL_PATTERN, formatSerial, serialPatternProblem } from './serial-pattern';

describe('serial patterns', () => {
  it('formats the default pattern with a zero-padded number', () => {
    expect(formatSerial(DEFAULT_SERIAL_PATTERN, { unitCode: 'TCT-BN', year: 2026, number: 42 })).toBe(
      'TCT-BN/2026/000042',
    );
  });

  it('lets numbers grow past the padding and leaves literal text alone', () => {
    expect(formatSerial('GCN-{year}.{unitCode}-{seq:00}', { unitCode: 'X', year: 2027, number: 1234 })).toBe(
      'GCN-2027.X-1234',
    );
    expect(formatSerial('{unitCode}{year}{seq}', { unitCode: 'A', year: 2026, number: 7 })).toBe('A20267');
  });

  it('accepts patterns naming unit, year and number once each', () => {
    expect(serialPatternProblem(DEFAULT_SERIAL_PATTERN)).toBeNull();
    expect(serialPatternProblem('Số {seq}/{year}/GCN-{unitCode}')).toBeNull();
  });

  it.each([
    ['{unitCode}/{seq}', /\{year\}/],
    ['{year}/{seq:000}', /\{unitCode\}/],
    ['{unitCode}/{year}', /\{seq\}/],
    ['{unitCode}/{year}/{seq}/{seq}', /\{seq\}/],
    ['{unitCode}/{year}/{number}', /\{number\}/],
    ['{unitCode}/{year}/{seq:12}', /\{seq:12\}/],
    ['{unitCode}/{year}/{seq', /ngoặc/],
  ])('refuses %s', (pattern, message) => {
    expect(serialPatternProblem(pattern)).toMatch(message);
  });
});
