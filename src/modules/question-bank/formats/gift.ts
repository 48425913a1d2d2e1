import { QuestionDraft } from '../question.types';
import { FormatParse, formatParse, ParsedQuestion, QuestionFormatError } from './result';

/**
 * Escaped characters are swapped for private-use placeholders while the structure is read, so
 * `\{` or `\=` never looks like syntax, and are put back in the texts at the end.
 */
const ESCAPES = new Map([
  ['\\', '\uE000'],
  ['~', '\uE001'],
  ['=', '\uE002'],
  ['#', '\uE003'],
  ['{', '\uE004'],
  ['}', '\uE005'],
  [':', '\uE006'],
  ['n', '\uE007'],
]);
const UNESCAPES = new Map([...ESCAPES].map(([char, placeholder]) => [placeholder, char === 'n' ? '\n' : char]));

const CATEGORY = /^\$CATEGORY:(.*)$/;
const TEXT_FORMAT = /^\s*\[(?:html|moodle|markdown|plain)\]/i;
const WEIGHT = /^\s*%([^%]*)%/;
const TRUE_FALSE = new Map([
  ['T', 'true'],
  ['TRUE', 'true'],
  ['F', 'false'],
  ['FALSE', 'false'],
]);
/** What a missing-word question shows where its answer block stood. */
const BLANK = '_____';
const MAX_OPTIONS = 26;

interface SourceLine {
  line: number;
  text: string;
}

interface Answer {
  mark: '=' | '~';
  line: number;
  weight?: number;
  text: string;
}

/** Records an error; returns undefined so a reader can `return fail(…)`. */
type Fail = (line: number, message: string) => undefined;
type AnswerPart = Omit<QuestionDraft, 'prompt' | 'points'>;

/**
 * Moodle's GIFT format: single and multiple choice (weights), true/false, short answer (partial
 * credit per answer) and essay;
 * numerical and matching questions are refused. Options are keyed A, B, C… in the order written;
 * GIFT has no points, so every question is worth 1. The last segment of a `$CATEGORY:` path tags
 * the questions after it.
 */
export function parseGift(text: string): FormatParse {
  const questions: ParsedQuestion[] = [];
  const errors: QuestionFormatError[] = [];
  const fail: Fail = (line, message) => {
    errors.push({ line, message });
    return undefined;
  };
  let category: string | undefined;
  for (const block of blocks(text)) {
    const categoryLine = CATEGORY.exec(block[0].text.trim());
    if (categoryLine) {
      category = categoryTag(categoryLine[1]);
      block.shift();
      if (block.length === 0) continue;
    }
    const before = errors.length;
    const draft = readQuestion(block, fail);
    if (draft && errors.length === before) {
      questions.push({ line: block[0].line, draft: category ? { ...draft, tags: [category] } : draft });
    }
  }
  return formatParse(questions, errors);
}

/** Questions are separated by blank lines; `//` comment lines are dropped without separating. */
function blocks(text: string): SourceLine[][] {
  const result: SourceLine[][] = [];
  let current: SourceLine[] = [];
  for (const [i, content] of text.split('\n').entries()) {
    if (content.trim().startsWith('//')) continue;
    if (content.trim() === '') {
      if (current.length > 0) result.push(current);
      current = [];
    } else current.push({ line: i + 1, text: content });
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** `$course$/top/Chương 1` → `Chương 1`: Moodle's context and root names are not topics. */
function categoryTag(path: string): string | undefined {
  return path
    .split('/')
    .map((segment) => segment.trim())
    .filter((segment) => segment !== '' && segment !== 'top' && !/^\$\w+\$$/.test(segment))
    .pop();
}

function readQuestion(block: SourceLine[], fail: Fail): QuestionDraft | undefined {
  const source = block
    .map(({ text }) => text.replace(/\\([\\~=#{}:n])/g, (_, char: string) => ESCAPES.get(char) ?? char))
    .join('\n');
  const lineOf = (offset: number) => block[source.slice(0, offset).split('\n').length - 1].line;
  const syntax = (offset: number, detail: string) => fail(lineOf(offset), `cú pháp GIFT không hợp lệ: ${detail}`);

  let position = source.length - source.trimStart().length;
  let title: string | undefined;
  if (source.startsWith('::', position)) {
    const end = source.indexOf('::', position + 2);
    if (end < 0) return syntax(position, 'thiếu dấu :: đóng tên câu hỏi');
    title = source.slice(position + 2, end);
    position = end + 2;
  }
  position += TEXT_FORMAT.exec(source.slice(position))?.[0].length ?? 0;

  const open = source.indexOf('{', position);
  const firstClose = source.indexOf('}', position);
  if (firstClose >= 0 && (open < 0 || firstClose < open)) {
    return syntax(firstClose, 'dấu } không có dấu { mở (viết \\} nếu là chữ)');
  }
  if (open < 0) return syntax(position, 'thiếu khối đáp án { … }');
  const close = source.indexOf('}', open);
  const nested = source.indexOf('{', open + 1);
  if (close < 0 || (nested >= 0 && nested < close)) return syntax(open, 'thiếu dấu }');
  const extra = source.slice(close + 1).search(/[{}]/);
  if (extra >= 0) return syntax(close + 1 + extra, 'mỗi câu hỏi chỉ có một khối đáp án { … }');

  const answers = readAnswers(source.slice(open + 1, close), open + 1, lineOf, fail);
  if (!answers) return undefined;
  const head = source.slice(position, open);
  const tail = source.slice(close + 1);
  let prompt = tail.trim() === '' ? head : `${head}${BLANK}${tail}`;
  if (prompt.trim() === '' && title !== undefined) prompt = title;
  return { ...answers, prompt: unescape(prompt), points: 1 };
}

function readAnswers(
  inner: string,
  offset: number,
  lineOf: (offset: number) => number,
  fail: Fail,
): AnswerPart | undefined {
  const at = lineOf(offset - 1);
  // General feedback (`####…`) closes the block; feedback is not imported.
  const general = inner.indexOf('####');
  const body = general >= 0 ? inner.slice(0, general) : inner;
  if (body.trim() === '') return { type: 'essay' };
  if (body.trim().startsWith('#')) return fail(at, 'loại câu hỏi số (numerical) chưa được hỗ trợ');
  const truth = TRUE_FALSE.get(body.split('#')[0].trim().toUpperCase());
  if (truth) return { type: 'true_false', correct: truth };

  const marks = [...body.matchAll(/[=~]/g)];
  if (marks.length === 0 || body.slice(0, marks[0].index).trim() !== '') {
    return fail(at, 'cú pháp GIFT không hợp lệ: mỗi đáp án phải bắt đầu bằng = hoặc ~');
  }
  const answers: Answer[] = [];
  for (const [i, mark] of marks.entries()) {
    const start = mark.index + 1;
    const raw = body.slice(start, marks[i + 1]?.index ?? body.length).split('#')[0];
    const line = lineOf(offset + mark.index);
    const weight = WEIGHT.exec(raw);
    if (weight && !/^-?\d+(?:\.\d+)?$/.test(weight[1].trim())) {
      return fail(line, `cú pháp GIFT không hợp lệ: trọng số "%${weight[1]}%" không phải là số`);
    }
    const text = weight ? raw.slice(weight[0].length) : raw;
    answers.push({
      mark: mark[0] as Answer['mark'],
      line,
      weight: weight ? Number(weight[1]) : undefined,
      text: unescape(text.replace(TEXT_FORMAT, '')),
    });
  }
  if (answers.some((answer) => answer.mark === '=' && answer.text.includes('->'))) {
    return fail(at, 'loại câu hỏi ghép đôi (matching) chưa được hỗ trợ');
  }
  if (answers.length > MAX_OPTIONS) return fail(at, `một câu hỏi có tối đa ${MAX_OPTIONS} phương án`);

  const key = (i: number) => String.fromCharCode(65 + i);
  const hasRight = answers.some((answer) => answer.mark === '=');
  const hasWrong = answers.some((answer) => answer.mark === '~');
  if (!hasWrong) return shortAnswer(answers, fail);
  if (hasRight) {
    const partial = answers.find(({ mark, weight }) => weight !== undefined && weight !== (mark === '=' ? 100 : 0));
    if (partial) {
      return fail(partial.line, 'điểm từng phần (%…%) chỉ dùng cho câu nhiều đáp án, khi mọi phương án bắt đầu bằng ~');
    }
    const right = answers.flatMap((answer, i) => (answer.mark === '=' ? [key(i)] : []));
    return {
      type: 'single_choice',
      options: answers.map(({ text }, i) => ({ key: key(i), text })),
      // Several `=` answers are left for the rules to refuse: single choice has exactly one key.
      correct: right.length === 1 ? right[0] : right,
    };
  }
  if (answers.every(({ weight }) => weight === undefined)) {
    return fail(at, 'thiếu đáp án đúng: đánh dấu bằng = hoặc cho trọng số ~%…%');
  }
  return {
    type: 'multiple_choice',
    options: answers.map(({ text, weight = 0 }, i) => ({ key: key(i), text, weight })),
    correct: answers.flatMap(({ weight = 0 }, i) => (weight > 0 ? [key(i)] : [])),
    partialCredit: true,
  };
}

/**
 * `=answer` and `=%100%answer` are accepted, `=%50%answer` is worth half the points. A 0% answer
 * (Moodle's `=%0%*#feedback`) only carries feedback, which is not imported.
 */
function shortAnswer(answers: Answer[], fail: Fail): AnswerPart | undefined {
  const wrong = answers.find(({ weight = 100 }) => weight < 0 || weight > 100);
  if (wrong) return fail(wrong.line, `câu trả lời ngắn nhận phần điểm từ 0% đến 100%, không nhận ${wrong.weight}%`);
  // Moodle reads `*` in a short answer as "any text"; we match answers literally.
  const wildcard = answers.find(({ weight = 100, text }) => weight > 0 && text.includes('*'));
  if (wildcard) return fail(wildcard.line, 'câu trả lời ngắn chưa hỗ trợ ký tự đại diện *');
  const full = answers.filter(({ weight = 100 }) => weight === 100);
  const partial = answers.filter(({ weight = 100 }) => weight > 0 && weight < 100);
  return {
    type: 'short_answer',
    acceptedAnswers: full.map(({ text }) => text),
    ...(partial.length > 0 ? { partialAnswers: partial.map(({ text, weight = 100 }) => ({ text, weight })) } : {}),
  };
}

function unescape(text: string): string {
  return text.replace(/[\uE000-\uE007]/g, (placeholder) => UNESCAPES.get(placeholder) ?? placeholder);
}
