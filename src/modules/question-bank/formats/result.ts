import { QuestionDraft } from '../question.types';

/** A question read from a file, with the line of the file it starts on (1-based). */
export interface ParsedQuestion {
  line: number;
  draft: QuestionDraft;
}

/** A problem in an imported file; `path` is relative to the question when the problem is in one of its fields. */
export interface QuestionFormatError {
  line: number;
  path?: string;
  message: string;
}

export type ParseResult = { ok: true; questions: ParsedQuestion[] } | { ok: false; errors: QuestionFormatError[] };

/**
 * What a format's parser returns: a ParseResult that, when it fails, still carries the questions
 * it could read, so their rule problems are reported together with the syntax errors.
 */
export type FormatParse =
  { ok: true; questions: ParsedQuestion[] } | { ok: false; errors: QuestionFormatError[]; questions: ParsedQuestion[] };

export function formatParse(questions: ParsedQuestion[], errors: QuestionFormatError[]): FormatParse {
  return errors.length > 0 ? { ok: false, errors, questions } : { ok: true, questions };
}
