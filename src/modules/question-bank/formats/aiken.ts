import { QuestionOption } from '../question.types';
import { FormatParse, formatParse, ParsedQuestion, QuestionFormatError } from './result';

const OPTION = /^([A-Z])[.)](?:\s+(.*))?$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/;

interface Pending {
  line: number;
  prompt: string[];
  options: QuestionOption[];
  /** Already reported; read to its ANSWER line so the lines after it are judged on their own. */
  broken: boolean;
}

/**
 * Moodle's Aiken format: prompt lines, then options `A. text` or `A) text`, then `ANSWER: A`.
 * Every question is single choice worth 1 point; option keys are the letters written.
 */
export function parseAiken(text: string): FormatParse {
  const questions: ParsedQuestion[] = [];
  const errors: QuestionFormatError[] = [];
  const fail = (line: number, message: string) => errors.push({ line, message });
  let current: Pending | undefined;
  let blankBefore = false;

  const unfinished = (question: Pending) =>
    fail(
      question.line,
      question.options.length === 0 ? 'thiếu các phương án (A. …) và dòng ANSWER' : 'thiếu dòng ANSWER',
    );

  for (const [i, raw] of text.split('\n').entries()) {
    const line = i + 1;
    const content = raw.trim();
    if (content === '') {
      blankBefore = true;
      continue;
    }
    const option = OPTION.exec(content);
    const answer = ANSWER.exec(content);
    if (answer) {
      // Aiken writes the letter in capitals; a lower-case one is not worth refusing the file for.
      const key = answer[1].toUpperCase();
      if (!current) fail(line, 'dòng ANSWER không thuộc câu hỏi nào');
      else if (current.options.length < 2) fail(line, 'câu hỏi cần ít nhất 2 phương án trước dòng ANSWER');
      else if (!current.options.some((o) => o.key === key)) {
        fail(line, `đáp án "${answer[1]}" không phải chữ cái của phương án nào`);
      } else if (!current.broken) {
        const { line: start, prompt, options } = current;
        questions.push({
          line: start,
          draft: { type: 'single_choice', prompt: prompt.join('\n'), options, correct: key, points: 1 },
        });
      }
      current = undefined;
    } else if (option) {
      if (!current) {
        fail(line, 'phương án đứng trước nội dung câu hỏi');
        current = { line, prompt: [], options: [], broken: true };
      }
      current.options.push({ key: option[1], text: option[2] ?? '' });
    } else if (!current) {
      current = { line, prompt: [content], options: [], broken: false };
    } else if (current.options.length === 0) {
      current.prompt.push(content);
    } else if (blankBefore) {
      // A new paragraph after the options is the next question: this one lost its ANSWER line.
      unfinished(current);
      current = { line, prompt: [content], options: [], broken: false };
    } else {
      fail(line, 'nội dung thừa sau các phương án: cần một phương án (A. …) hoặc dòng ANSWER');
    }
    blankBefore = false;
  }
  if (current) unfinished(current);
  return formatParse(questions, errors);
}
