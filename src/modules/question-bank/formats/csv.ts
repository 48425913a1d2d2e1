import { CsvRow, readCsv } from '../../imports/csv';
import { ImportFileError } from '../../imports/import-file-error';
import { QUESTION_TYPES, QuestionDraft, QuestionType } from '../question.types';
import { FormatParse, formatParse, ParsedQuestion, QuestionFormatError } from './result';

/** Option columns; an option's key is the column's letter, so a blank option_b leaves a gap (A, C). */
const OPTION_COLUMNS = ['option_a', 'option_b', 'option_c', 'option_d', 'option_e', 'option_f'];
const TRUE_FALSE = new Map<string, 'true' | 'false'>([
  ['true', 'true'],
  ['false', 'false'],
  ['đúng', 'true'],
  ['sai', 'false'],
  ['t', 'true'],
  ['f', 'false'],
]);

/**
 * Reads a question bank in CSV, columns `type,prompt,option_a..option_f,correct,accepted_answers,
 * points,tags`; only type and prompt are required, empty points mean 1. Lists: `correct` of
 * multiple choice by `;` or `,`, accepted answers by `|`, tags by `;`.
 */
export function parseCsvQuestions(text: string): FormatParse {
  let rows: CsvRow[];
  try {
    rows = readCsv(Buffer.from(text, 'utf8'), ['type', 'prompt']);
  } catch (error) {
    if (error instanceof ImportFileError) return formatParse([], [{ line: 1, message: error.message }]);
    throw error;
  }
  const questions: ParsedQuestion[] = [];
  const errors: QuestionFormatError[] = [];
  for (const { line, values } of rows) {
    // Spreadsheets save rows left empty as a line of commas.
    if (Object.values(values).every((value) => value === '')) continue;
    const before = errors.length;
    const draft = readRow(values, (path, message) => errors.push({ line, path, message }));
    if (draft && errors.length === before) questions.push({ line, draft });
  }
  return formatParse(questions, errors);
}

function readRow(
  values: Record<string, string>,
  fail: (path: string, message: string) => void,
): QuestionDraft | undefined {
  const value = (column: string) => values[column] ?? '';
  const type = value('type');
  if (!QUESTION_TYPES.includes(type as QuestionType)) {
    fail('type', `loại câu hỏi "${type}" không hợp lệ; dùng một trong: ${QUESTION_TYPES.join(', ')}`);
    return undefined;
  }
  const draft: QuestionDraft = {
    type: type as QuestionType,
    prompt: value('prompt'),
    options: OPTION_COLUMNS.flatMap((column) =>
      value(column) === '' ? [] : [{ key: column.slice(-1).toUpperCase(), text: value(column) }],
    ),
    acceptedAnswers: split(value('accepted_answers'), '|'),
    points: 1,
    tags: split(value('tags'), ';'),
  };

  const correct = value('correct');
  if (correct !== '') {
    if (draft.type === 'multiple_choice') draft.correct = split(correct, /[;,]/).map((key) => key.toUpperCase());
    else if (draft.type === 'single_choice') draft.correct = correct.toUpperCase();
    else if (draft.type === 'true_false') {
      draft.correct = TRUE_FALSE.get(correct.toLowerCase());
      if (!draft.correct) fail('correct', `đáp án "${correct}" không hợp lệ; dùng true/false, đúng/sai hoặc T/F`);
    } else draft.correct = correct; // left for the rules to refuse: these types have no key
  }

  const points = value('points');
  if (points !== '') {
    // Vietnamese spreadsheets write decimals with a comma: "1,5".
    draft.points = Number(points.replace(/^(\d+),(\d+)$/, '$1.$2'));
    if (Number.isNaN(draft.points)) fail('points', `điểm "${points}" không phải là số`);
  }
  return draft;
}

function split(text: string, separator: string | RegExp): string[] {
  return text
    .split(separator)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
