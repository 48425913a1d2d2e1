import { foldVietnamese } from '../../common/vietnamese';
import { QuestionDraft, QuestionOption } from './question.types';

/** One thing wrong with a question; `path` is relative to the question, e.g. `options[2].key`. */
export interface QuestionProblem {
  path: string;
  message: string;
}

const MAX_PROMPT_LENGTH = 10000;
const MAX_POINTS = 1000;
const MAX_TAG_LENGTH = 100;
/** Percentages written with decimals (33.33 × 3) do not add up to exactly 100. */
const WEIGHT_TOLERANCE = 0.01;

const TRUE_FALSE_OPTIONS: QuestionOption[] = [
  { key: 'true', text: 'Đúng' },
  { key: 'false', text: 'Sai' },
];

/** How two texts are told apart: "Đúng " and "đúng" are the same option, "Dung" is not. */
function fold(text: string): string {
  return text.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Leaves a non-string as it is: a request may carry anything there, and `questionProblems` names it. */
function clean<T>(text: T): T {
  return (typeof text === 'string' ? text.normalize('NFC').trim() : text) as T;
}

/** Everything wrong with a question for its type; empty when it can be stored. */
export function questionProblems(draft: QuestionDraft): QuestionProblem[] {
  const problems: QuestionProblem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  if (draft.prompt.trim() === '') add('prompt', 'nội dung câu hỏi không được để trống');
  else if (draft.prompt.length > MAX_PROMPT_LENGTH)
    add('prompt', `nội dung câu hỏi không được dài quá ${MAX_PROMPT_LENGTH} ký tự`);

  if (!Number.isFinite(draft.points) || draft.points <= 0) add('points', 'điểm phải là một số lớn hơn 0');
  else if (draft.points > MAX_POINTS) add('points', `điểm không được lớn hơn ${MAX_POINTS}`);

  switch (draft.type) {
    case 'single_choice':
      choiceProblems(draft, add);
      if (draft.correct === undefined) add('correct', 'thiếu đáp án đúng');
      else if (typeof draft.correct !== 'string') add('correct', 'câu một lựa chọn phải có đúng một đáp án đúng');
      else if (!draft.options?.some((option) => option.key === draft.correct))
        add('correct', `đáp án đúng "${draft.correct}" không phải mã của phương án nào`);
      noAcceptedAnswers(draft, add, 'câu một lựa chọn không có danh sách đáp án chấp nhận');
      break;
    case 'multiple_choice':
      choiceProblems(draft, add);
      multipleCorrectProblems(draft, add);
      if (draft.partialCredit && draft.options?.some((option) => option.weight !== undefined))
        weightSumProblems(draft.options, add);
      noAcceptedAnswers(draft, add, 'câu nhiều lựa chọn không có danh sách đáp án chấp nhận');
      break;
    case 'true_false': {
      const keys = draft.options?.map((option) => option.key);
      if (keys && !(keys.length === 2 && keys.includes('true') && keys.includes('false')))
        add('options', 'câu đúng/sai chỉ có hai phương án với mã true và false');
      draft.options?.forEach((option, i) => optionTextProblem(option, i, add));
      if (draft.correct === undefined) add('correct', 'thiếu đáp án đúng');
      else if (draft.correct !== 'true' && draft.correct !== 'false')
        add('correct', 'đáp án đúng phải là "true" hoặc "false"');
      noAcceptedAnswers(draft, add, 'câu đúng/sai không có danh sách đáp án chấp nhận');
      break;
    }
    case 'short_answer':
      acceptedAnswerProblems(draft, add);
      partialAnswerProblems(draft, add);
      if (draft.options !== undefined) add('options', 'câu trả lời ngắn không có phương án');
      if (draft.correct !== undefined)
        add('correct', 'câu trả lời ngắn ghi đáp án trong acceptedAnswers, không dùng correct');
      break;
    case 'essay':
      if (draft.options !== undefined) add('options', 'câu tự luận không có phương án');
      if (draft.correct !== undefined) add('correct', 'câu tự luận không có đáp án');
      noAcceptedAnswers(draft, add, 'câu tự luận không có đáp án');
      break;
  }

  draft.options?.forEach((option, i) => {
    if (option.weight !== undefined && !(Number.isFinite(option.weight) && Math.abs(option.weight) <= 100))
      add(`options[${i}].weight`, 'trọng số phải là một số từ -100 đến 100');
  });
  draft.tags?.forEach((tag, i) => {
    if (tag.trim() === '') add(`tags[${i}]`, 'nhãn không được để trống');
    else if (tag.length > MAX_TAG_LENGTH) add(`tags[${i}]`, `nhãn không được dài quá ${MAX_TAG_LENGTH} ký tự`);
  });
  if (draft.partialCredit && draft.type !== 'multiple_choice')
    add('partialCredit', 'chỉ câu nhiều lựa chọn mới chấm điểm từng phần');
  if (draft.partialAnswers !== undefined && draft.type !== 'short_answer')
    add('partialAnswers', 'chỉ câu trả lời ngắn mới có đáp án được một phần điểm');
  if (draft.ignoreDiacritics && draft.type !== 'short_answer')
    add('ignoreDiacritics', 'chỉ câu trả lời ngắn mới có thể bỏ qua dấu');
  return problems;
}

type Add = (path: string, message: string) => void;

function choiceProblems(draft: QuestionDraft, add: Add): void {
  const options = draft.options ?? [];
  if (options.length < 2) add('options', 'cần ít nhất 2 phương án');
  const keys = new Map<string, string>();
  const texts = new Map<string, string>();
  options.forEach((option, i) => {
    const key = fold(option.key);
    if (key === '') add(`options[${i}].key`, 'mã phương án không được để trống');
    else if (keys.has(key)) add(`options[${i}].key`, `mã phương án "${option.key}" bị trùng`);
    else keys.set(key, option.key);
    if (optionTextProblem(option, i, add)) return;
    const text = fold(option.text);
    const same = texts.get(text);
    if (same !== undefined) add(`options[${i}].text`, `phương án trùng nội dung với phương án ${same}`);
    else texts.set(text, option.key);
  });
}

/** Reports an empty option text; true when it did. */
function optionTextProblem(option: QuestionOption, i: number, add: Add): boolean {
  if (option.text.trim() !== '') return false;
  add(`options[${i}].text`, 'nội dung phương án không được để trống');
  return true;
}

function multipleCorrectProblems(draft: QuestionDraft, add: Add): void {
  const { correct } = draft;
  if (correct === undefined || (Array.isArray(correct) && correct.length === 0)) {
    add('correct', 'thiếu đáp án đúng');
    return;
  }
  if (!Array.isArray(correct)) {
    add('correct', 'câu nhiều lựa chọn ghi đáp án đúng thành một danh sách mã phương án');
    return;
  }
  const keys = new Set(draft.options?.map((option) => option.key));
  const seen = new Set<string>();
  correct.forEach((key, i) => {
    if (!keys.has(key)) add(`correct[${i}]`, `đáp án đúng "${key}" không phải mã của phương án nào`);
    else if (seen.has(key)) add(`correct[${i}]`, `đáp án đúng "${key}" bị lặp`);
    seen.add(key);
  });
}

function weightSumProblems(options: QuestionOption[], add: Add): void {
  const sum = options.reduce((total, option) => total + Math.max(option.weight ?? 0, 0), 0);
  if (Math.abs(sum - 100) > WEIGHT_TOLERANCE)
    add('options', `tổng trọng số dương của các phương án phải bằng 100 (hiện là ${Number(sum.toFixed(2))})`);
}

function acceptedAnswerProblems(draft: QuestionDraft, add: Add): void {
  const answers = draft.acceptedAnswers ?? [];
  if (answers.every((answer) => answer.trim() === '')) {
    add('acceptedAnswers', 'cần ít nhất một đáp án chấp nhận');
    return;
  }
  // Grading matches without diacritics when asked to, so "Mác" and "Mac" are then one answer.
  const key = draft.ignoreDiacritics ? foldVietnamese : fold;
  const seen = new Set<string>();
  answers.forEach((answer, i) => {
    if (answer.trim() === '') add(`acceptedAnswers[${i}]`, 'đáp án chấp nhận không được để trống');
    else if (seen.has(key(answer))) add(`acceptedAnswers[${i}]`, `đáp án chấp nhận "${answer}" bị trùng`);
    seen.add(key(answer));
  });
}

function partialAnswerProblems(draft: QuestionDraft, add: Add): void {
  const key = draft.ignoreDiacritics ? foldVietnamese : fold;
  const seen = new Set((draft.acceptedAnswers ?? []).map(key));
  draft.partialAnswers?.forEach(({ text, weight }, i) => {
    if (text.trim() === '') add(`partialAnswers[${i}].text`, 'đáp án không được để trống');
    else if (seen.has(key(text))) add(`partialAnswers[${i}].text`, `đáp án "${text}" bị trùng`);
    seen.add(key(text));
    if (!(Number.isFinite(weight) && weight > 0 && weight < 100))
      add(`partialAnswers[${i}].weight`, 'phần điểm phải là một số lớn hơn 0 và nhỏ hơn 100');
  });
}

function noAcceptedAnswers(draft: QuestionDraft, add: Add, message: string): void {
  if (draft.acceptedAnswers !== undefined) add('acceptedAnswers', message);
}

/**
 * The stored form of a draft: texts in NFC and trimmed, true/false options filled in, empty
 * optional lists dropped. Applying it twice changes nothing.
 */
export function normalizeQuestion(draft: QuestionDraft): QuestionDraft {
  const { options, correct, acceptedAnswers, partialAnswers, tags, lessonId, ...rest } = draft;
  const normalized: QuestionDraft = { ...rest, prompt: clean(draft.prompt) };
  const cleanOptions = options?.map((option) => ({ ...option, key: clean(option.key), text: clean(option.text) }));
  if (cleanOptions?.length) normalized.options = cleanOptions;
  else if (draft.type === 'true_false') normalized.options = TRUE_FALSE_OPTIONS.map((option) => ({ ...option }));
  if (typeof correct === 'string') normalized.correct = clean(correct);
  else if (correct?.length) normalized.correct = correct.map(clean);
  if (acceptedAnswers?.length) normalized.acceptedAnswers = acceptedAnswers.map(clean);
  if (partialAnswers?.length) normalized.partialAnswers = partialAnswers.map((a) => ({ ...a, text: clean(a.text) }));
  if (tags?.length) normalized.tags = tags.map(clean);
  if (lessonId !== undefined) normalized.lessonId = clean(lessonId);
  return normalized;
}
