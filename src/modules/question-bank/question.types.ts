/** The question types of the bank; `value` of an answer depends on it (see the exams and questions schemas in openapi.json). */
export const QUESTION_TYPES = ['single_choice', 'multiple_choice', 'true_false', 'short_answer', 'essay'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface QuestionOption {
  key: string;
  text: string;
  /**
   * Share of the question's points this option is worth, in percent (-100..100), from GIFT's
   * weighted multiple answers; grading uses it only when the question gives partial credit.
   */
  weight?: number;
}

/** Short answer: an answer accepted for a share of the points, as Moodle's `=%50%…` alternatives. */
export interface PartialAnswer {
  text: string;
  /** Percent of the question's points, above 0 and below 100. */
  weight: number;
}

/** A question as written by a person or a file, before it is stored in a course's bank. */
export interface QuestionDraft {
  type: QuestionType;
  prompt: string;
  options?: QuestionOption[];
  /** A key for single choice and true/false (`"true"` | `"false"`), a list of keys for multiple choice. */
  correct?: string | string[];
  /** Short answer: the answers accepted, matched after NFC, case and whitespace folding. */
  acceptedAnswers?: string[];
  /** Short answer: answers worth part of the points, matched like the accepted ones. */
  partialAnswers?: PartialAnswer[];
  points: number;
  tags?: string[];
  /** Multiple choice: score per option weight instead of all-or-nothing. */
  partialCredit?: boolean;
  /** Short answer: also accept an answer typed without diacritics. */
  ignoreDiacritics?: boolean;
  /** Index into the package's or the course's ordered lessons (0-based), when the question belongs to one. */
  lesson?: number;
  /** The lesson (a stored lesson's id) when imported into an existing course. */
  lessonId?: string;
}
