import { normalizeQuestion, questionProblems } from '../question.rules';
import { parseAiken } from './aiken';
import { parseCsvQuestions } from './csv';
import { parseGift } from './gift';
import { parseJsonQuestions } from './json';
import { FormatParse, ParsedQuestion, ParseResult, QuestionFormatError } from './result';

export type { ParsedQuestion, ParseResult, QuestionFormatError } from './result';

export const QUESTION_FORMATS = ['json', 'csv', 'gift', 'aiken'] as const;
export type QuestionFormat = (typeof QUESTION_FORMATS)[number];

const PARSERS: Record<QuestionFormat, (text: string) => FormatParse> = {
  json: parseJsonQuestions,
  csv: parseCsvQuestions,
  gift: parseGift,
  aiken: parseAiken,
};

/**
 * Reads a question bank file. All or nothing: one bad question fails the file, and the failure
 * lists every problem found (syntax and rules), sorted by line, so the author fixes them in one go.
 */
export function parseQuestionBank(format: QuestionFormat, content: Buffer): ParseResult {
  let text: string;
  try {
    // The decoder drops a BOM (Excel and Notepad write one) and, being fatal, refuses bytes that are not UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { ok: false, errors: [{ line: 1, message: 'tệp không phải văn bản UTF-8 hợp lệ' }] };
  }
  const parsed = PARSERS[format](text.replace(/\r\n?/g, '\n'));
  const errors: QuestionFormatError[] = parsed.ok ? [] : [...parsed.errors];
  const questions: ParsedQuestion[] = parsed.questions.map(({ line, draft }) => {
    const normalized = normalizeQuestion(draft);
    for (const { path, message } of questionProblems(normalized)) errors.push({ line, path, message });
    return { line, draft: normalized };
  });
  if (questions.length === 0 && errors.length === 0) errors.push({ line: 1, message: 'tệp không có câu hỏi nào' });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, questions };
}
