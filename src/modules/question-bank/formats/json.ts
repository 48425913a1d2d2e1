import { isUUID } from 'class-validator';
import { QUESTION_TYPES, QuestionDraft, QuestionType } from '../question.types';
import { FormatParse, formatParse, ParsedQuestion, QuestionFormatError } from './result';

type Check = [is: (value: unknown) => boolean, message: string];

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringList = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isNumber = (value: unknown): value is number => typeof value === 'number';
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keyed by QuestionDraft's fields, so a field added there must be given a check here. */
const FIELDS: Record<keyof QuestionDraft, Check> = {
  type: [(value) => QUESTION_TYPES.includes(value as QuestionType), `phải là một trong: ${QUESTION_TYPES.join(', ')}`],
  prompt: [isString, 'phải là chuỗi ký tự'],
  options: [Array.isArray, 'phải là danh sách phương án'],
  correct: [(value) => isString(value) || isStringList(value), 'phải là mã phương án hoặc danh sách mã phương án'],
  acceptedAnswers: [isStringList, 'phải là danh sách chuỗi ký tự'],
  partialAnswers: [Array.isArray, 'phải là danh sách đáp án {text, weight}'],
  points: [isNumber, 'phải là số'],
  tags: [isStringList, 'phải là danh sách chuỗi ký tự'],
  partialCredit: [isBoolean, 'phải là true hoặc false'],
  ignoreDiacritics: [isBoolean, 'phải là true hoặc false'],
  lesson: [(value) => Number.isInteger(value) && (value as number) >= 0, 'phải là số nguyên từ 0 (thứ tự bài học)'],
  lessonId: [(value) => isString(value) && isUUID(value), 'phải là UUID'],
};
const REQUIRED = ['type', 'prompt'];
const OPTION_FIELDS: Record<string, Check> = {
  key: [isString, 'phải là chuỗi ký tự'],
  text: [isString, 'phải là chuỗi ký tự'],
  weight: [isNumber, 'phải là số'],
};
const OPTION_REQUIRED = ['key', 'text'];
const PARTIAL_ANSWER_FIELDS: Record<string, Check> = {
  text: [isString, 'phải là chuỗi ký tự'],
  weight: [isNumber, 'phải là số'],
};

/** A JSON array of questions shaped like QuestionDraft; `points` defaults to 1, `null` means absent. */
export function parseJsonQuestions(text: string): FormatParse {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return formatParse([], [syntaxError(text, (error as Error).message)]);
  }
  if (!Array.isArray(data)) return formatParse([], [{ line: 1, message: 'tệp JSON phải là một mảng các câu hỏi' }]);
  const lines = elementLines(text);
  const questions: ParsedQuestion[] = [];
  const errors: QuestionFormatError[] = [];
  data.forEach((item: unknown, i) => {
    const line = lines[i];
    const fail = (path: string | undefined, message: string) => errors.push({ line, path, message });
    if (!isObject(item)) {
      fail(undefined, 'mỗi phần tử của mảng phải là một câu hỏi (đối tượng JSON)');
      return;
    }
    const before = errors.length;
    checkFields(item, FIELDS, REQUIRED, '', fail);
    if (Array.isArray(item.options)) {
      item.options.forEach((option: unknown, j) => {
        if (isObject(option)) checkFields(option, OPTION_FIELDS, OPTION_REQUIRED, `options[${j}].`, fail);
        else fail(`options[${j}]`, 'phương án phải là đối tượng có key và text');
      });
    }
    if (Array.isArray(item.partialAnswers)) {
      item.partialAnswers.forEach((answer: unknown, j) => {
        if (isObject(answer))
          checkFields(answer, PARTIAL_ANSWER_FIELDS, ['text', 'weight'], `partialAnswers[${j}].`, fail);
        else fail(`partialAnswers[${j}]`, 'đáp án phải là đối tượng có text và weight');
      });
    }
    if (errors.length > before) return;
    // Every present field passed its check above, so the object is a draft.
    const draft = { points: 1, ...withoutNulls(item) } as unknown as QuestionDraft;
    if (draft.options) draft.options = draft.options.map((option) => withoutNulls(option) as unknown as typeof option);
    questions.push({ line, draft });
  });
  return formatParse(questions, errors);
}

function checkFields(
  item: Record<string, unknown>,
  checks: Record<string, Check>,
  required: string[],
  prefix: string,
  fail: (path: string, message: string) => void,
): void {
  for (const field of required) if (item[field] == null) fail(`${prefix}${field}`, 'thiếu trường bắt buộc');
  for (const [field, value] of Object.entries(item)) {
    const check = Object.hasOwn(checks, field) ? checks[field] : undefined;
    if (!check) fail(`${prefix}${field}`, 'trường không được hỗ trợ');
    else if (value !== null && !check[0](value)) fail(`${prefix}${field}`, check[1]);
  }
}

/** Exports often write `null` for an absent field; it means the same as leaving the field out. */
function withoutNulls(item: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(item).filter(([, value]) => value !== null));
}

function syntaxError(text: string, message: string): QuestionFormatError {
  // An error at the end of the text is shown on its last written line, not on the blank lines after it.
  const end = text.trimEnd().length;
  const position = /at position (\d+)/.exec(message);
  if (position) return { line: lineAt(text, Math.min(Number(position[1]), end)), message: 'cú pháp JSON không hợp lệ' };
  if (message.startsWith('Unexpected end')) {
    return { line: lineAt(text, end), message: 'cú pháp JSON không hợp lệ: tệp kết thúc giữa chừng' };
  }
  const token = /^Unexpected token '(.+?)'/.exec(message);
  return {
    line: 1,
    message: token ? `cú pháp JSON không hợp lệ: ký tự '${token[1]}' đặt sai chỗ` : 'cú pháp JSON không hợp lệ',
  };
}

function lineAt(text: string, offset: number): number {
  return text.slice(0, offset).split('\n').length;
}

/**
 * The line on which each element of the top-level array starts, for a text JSON.parse accepted:
 * only strings (where brackets and commas are text) and nesting depth need tracking.
 */
function elementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let expectElement = false;
  for (const char of text) {
    if (char === '\n') line++;
    if (inString) {
      if (escaped) escaped = false;
      else if (char === '\\') escaped = true;
      else if (char === '"') inString = false;
      continue;
    }
    if (expectElement && depth === 1 && !/\s/.test(char) && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      if (depth === 1) expectElement = true;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}
