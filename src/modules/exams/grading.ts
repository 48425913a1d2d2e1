import { foldVietnamese } from '../../common/vietnamese';
import type { PartialAnswer, QuestionOption, QuestionType } from '../question-bank/question.types';

/** What a learner answers: a key, a list of keys, or text, by the question's type (the exams schemas in openapi.json). */
export type AnswerValue = string | string[] | null;

export interface GradableQuestion {
  type: QuestionType;
  options: QuestionOption[] | null;
  correct: string | string[] | null;
  acceptedAnswers: string[] | null;
  partialAnswers: PartialAnswer[] | null;
  points: number;
  partialCredit: boolean;
  ignoreDiacritics: boolean;
}

/** Points earned, or null when a person must grade it (essays). */
export type QuestionScore = number | null;

/** Two decimals, as scores are stored. */
export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Short answers compare after NFC, case folding and collapsing whitespace; optionally without diacritics. */
export function normalizeShortAnswer(text: string, ignoreDiacritics: boolean): string {
  const folded = text.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('vi');
  return ignoreDiacritics ? foldVietnamese(folded) : folded;
}

const keysOf = (value: AnswerValue): string[] =>
  Array.isArray(value) ? [...new Set(value.filter((v): v is string => typeof v === 'string'))] : [];

/**
 * Scores one answer. Multiple choice is all-or-nothing unless the question gives partial credit,
 * then each chosen option adds its weight (negative weights subtract), floored at zero.
 */
export function scoreAnswer(question: GradableQuestion, value: AnswerValue): QuestionScore {
  switch (question.type) {
    case 'essay':
      return null;
    case 'single_choice':
    case 'true_false':
      return typeof value === 'string' && value === question.correct ? question.points : 0;
    case 'multiple_choice': {
      const chosen = keysOf(value);
      const correct = Array.isArray(question.correct) ? question.correct : [];
      if (question.partialCredit && question.options?.some((o) => o.weight !== undefined)) {
        const weight = chosen.reduce(
          (sum, key) => sum + (question.options?.find((o) => o.key === key)?.weight ?? 0),
          0,
        );
        return round2((Math.max(0, Math.min(100, weight)) * question.points) / 100);
      }
      if (question.partialCredit) {
        const right = chosen.filter((k) => correct.includes(k)).length;
        const wrong = chosen.length - right;
        return round2((Math.max(0, right - wrong) / Math.max(1, correct.length)) * question.points);
      }
      const exact = chosen.length === correct.length && chosen.every((k) => correct.includes(k));
      return exact ? question.points : 0;
    }
    case 'short_answer': {
      if (typeof value !== 'string' || value.trim() === '') return 0;
      const given = normalizeShortAnswer(value, question.ignoreDiacritics);
      const matches = (answer: string) => normalizeShortAnswer(answer, question.ignoreDiacritics) === given;
      if ((question.acceptedAnswers ?? []).some(matches)) return question.points;
      const partial = (question.partialAnswers ?? []).filter((a) => matches(a.text)).map((a) => a.weight);
      return partial.length > 0 ? round2((Math.max(...partial) * question.points) / 100) : 0;
    }
  }
}

/** Raw points on the 10-point scale, two decimals. */
export function toScore10(score: number, maxScore: number): number {
  if (maxScore <= 0) return 0;
  return round2((score / maxScore) * 10);
}

/** An attempt passes when its 10-point score reaches the exam's pass mark; not yet graded, it is undecided. */
export function passesMark(score10: number | null, passMark: number): boolean | null {
  return score10 === null ? null : score10 >= passMark;
}

export type GradingPolicy = 'highest' | 'last';

/** The exam's result from the learner's graded attempts, by policy; null before any is graded. */
export function examResult(attempts: { score10: number; submittedAt: Date }[], policy: GradingPolicy): number | null {
  if (attempts.length === 0) return null;
  if (policy === 'highest') return Math.max(...attempts.map((a) => a.score10));
  return [...attempts].sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime()).at(-1)!.score10;
}
