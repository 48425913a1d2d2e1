/**
 * Completion figures: what a class contributes to the counters, and how a sum of them reads in a
 * report. Scores are summed in hundredths (final scores have two decimals) so sums stay exact.
 */
export const FIGURE_FIELDS = [
  'classes',
  'enrolled',
  'completed',
  'failed',
  'inProgress',
  'scored',
  'scoreSumCenti',
  'xuatSac',
  'gioi',
  'kha',
  'trungBinh',
  'khongDat',
  'certificates',
] as const;
export type FigureField = (typeof FIGURE_FIELDS)[number];
export type Figures = Record<FigureField, number>;

/** Database column of each figure. */
export const FIGURE_COLUMNS: Record<FigureField, string> = {
  classes: 'classes',
  enrolled: 'enrolled',
  completed: 'completed',
  failed: 'failed',
  inProgress: 'in_progress',
  scored: 'scored',
  scoreSumCenti: 'score_sum_centi',
  xuatSac: 'xuat_sac',
  gioi: 'gioi',
  kha: 'kha',
  trungBinh: 'trung_binh',
  khongDat: 'khong_dat',
  certificates: 'certificates',
};

export const zeroFigures = (): Figures => Object.fromEntries(FIGURE_FIELDS.map((f) => [f, 0])) as Figures;

export function addFigures(into: Figures, more: Figures): Figures {
  for (const field of FIGURE_FIELDS) into[field] += more[field];
  return into;
}

export const sameFigures = (a: Figures, b: Figures) => FIGURE_FIELDS.every((f) => a[f] === b[f]);

/** A report row, as `GET /stats/completion` returns it. */
export interface CompletionRow {
  key: string;
  label: string;
  classes: number;
  enrolled: number;
  completed: number;
  failed: number;
  inProgress: number;
  /** completed ÷ (completed + failed), four decimals; null before any result. */
  passRate: number | null;
  /** Mean final score of the finalised enrolments that have one, two decimals; null without any. */
  averageScore: number | null;
  classification: { xuat_sac: number; gioi: number; kha: number; trung_binh: number; khong_dat: number };
  certificatesIssued: number;
}

/** Rounds `numerator / denominator` to `decimals`, half up, without floating drift at the half. */
function ratio(numerator: number, denominator: number, decimals: number): number | null {
  if (denominator === 0) return null;
  const scale = 10 ** decimals;
  // Integer ÷ integer is correctly rounded, so an exact half stays exact and rounds up as SQL does.
  return Math.round((numerator * scale) / denominator) / scale;
}

export function completionRow(key: string, label: string, f: Figures): CompletionRow {
  return {
    key,
    label,
    classes: f.classes,
    enrolled: f.enrolled,
    completed: f.completed,
    failed: f.failed,
    inProgress: f.inProgress,
    passRate: ratio(f.completed, f.completed + f.failed, 4),
    averageScore: f.scored === 0 ? null : ratio(f.scoreSumCenti, f.scored * 100, 2),
    classification: { xuat_sac: f.xuatSac, gioi: f.gioi, kha: f.kha, trung_binh: f.trungBinh, khong_dat: f.khongDat },
    certificatesIssued: f.certificates,
  };
}

/**
 * Which counters cover the calendar days `from`..`to` (either open): whole months from the month
 * counters (`months`, end exclusive), the days of the partial months at either edge from the day
 * counters.
 */
export interface PeriodCover {
  months: { from?: string; toExclusive?: string } | null;
  days: [string, string][];
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: string, n: number) => iso(new Date(day(d).getTime() + n * 86_400_000));
const monthStart = (d: string) => `${d.slice(0, 7)}-01`;
function nextMonth(d: string): string {
  const date = day(monthStart(d));
  date.setUTCMonth(date.getUTCMonth() + 1);
  return iso(date);
}

export function periodCover(from?: string, to?: string): PeriodCover {
  const first = from === undefined ? undefined : from === monthStart(from) ? from : nextMonth(from);
  const endExclusive =
    to === undefined ? undefined : nextMonth(to) === addDays(to, 1) ? addDays(to, 1) : monthStart(to);
  if (from !== undefined && to !== undefined && first! >= endExclusive!) return { months: null, days: [[from, to]] };
  const days: [string, string][] = [];
  if (from !== undefined && from < first!) days.push([from, addDays(first!, -1)]);
  if (to !== undefined && endExclusive! <= to) days.push([endExclusive!, to]);
  return { months: { from: first, toExclusive: endExclusive }, days };
}
