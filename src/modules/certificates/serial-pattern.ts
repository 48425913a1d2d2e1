/**
 * Serial patterns (docs/certificates.md): literal text with `{unitCode}`, `{year}` and `{seq}`, the
 * last optionally padded as `{seq:000000}` (as many digits as zeros). Counters run per unit and
 * year, so a pattern must name all three or two units, or two years, could print the same serial.
 */
export const DEFAULT_SERIAL_PATTERN = '{unitCode}/{year}/{seq:000000}';

const TOKEN = /\{([^{}]*)\}/g;
const SEQ = /^seq(?::(0{1,12}))?$/;

/** Why a pattern cannot be used, in Vietnamese; null when it is fine. */
export function serialPatternProblem(pattern: string): string | null {
  if (/[{}]/.test(pattern.replace(TOKEN, ''))) return 'dấu ngoặc nhọn không khớp';
  const names = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  const unknown = names.find((n) => n !== 'unitCode' && n !== 'year' && !SEQ.test(n));
  if (unknown !== undefined)
    return `không có trường {${unknown}}; chỉ dùng {unitCode}, {year}, {seq} hoặc {seq:000000}`;
  for (const required of ['unitCode', 'year']) {
    if (names.filter((n) => n === required).length !== 1) return `phải có đúng một {${required}}`;
  }
  if (names.filter((n) => SEQ.test(n)).length !== 1) return 'phải có đúng một {seq} hoặc {seq:000000}';
  return null;
}

export function formatSerial(pattern: string, values: { unitCode: string; year: number; number: number }): string {
  return pattern.replace(TOKEN, (_, name: string) => {
    if (name === 'unitCode') return values.unitCode;
    if (name === 'year') return String(values.year);
    const width = SEQ.exec(name)?.[1]?.length ?? 0;
    return String(values.number).padStart(width, '0');
  });
}
