import { normalizeQuestion, questionProblems } from './question.rules';
import { QuestionDraft } from './question.types';

const single: QuestionDraft = {
  type: 'single_choice',
  prompt: 'Chủ nghĩa Mác – Lênin gồm mấy bộ phận cấu thành?',
  options: [
    { key: 'A', text: 'Hai' },
    { key: 'B', text: 'Ba' },
    { key: 'C', text: 'Bốn' },
  ],
  correct: 'B',
  points: 1,
};
const multiple: QuestionDraft = {
  type: 'multiple_choice',
  prompt: 'Những bộ phận cấu thành chủ nghĩa Mác – Lênin là gì?',
  options: [
    { key: 'A', text: 'Triết học Mác – Lênin' },
    { key: 'B', text: 'Kinh tế chính trị Mác – Lênin' },
    { key: 'C', text: 'Chủ nghĩa xã hội khoa học' },
    { key: 'D', text: 'Lịch sử Đảng' },
  ],
  correct: ['A', 'B', 'C'],
  points: 3,
};
const trueFalse: QuestionDraft = {
  type: 'true_false',
  prompt: 'Cách mạng Tháng Tám thành công năm 1945.',
  correct: 'true',
  points: 1,
};
const shortAnswer: QuestionDraft = {
  type: 'short_answer',
  prompt: 'Ai là người sáng lập Đảng Cộng sản Việt Nam?',
  acceptedAnswers: ['Hồ Chí Minh', 'Nguyễn Ái Quốc'],
  points: 2,
};
const essay: QuestionDraft = {
  type: 'essay',
  prompt: 'Phân tích vai trò của nhân dân trong lịch sử.',
  points: 10,
};

const paths = (draft: QuestionDraft) => questionProblems(draft).map((problem) => problem.path);

describe('questionProblems', () => {
  it('accepts a good question of every type', () => {
    for (const draft of [single, multiple, normalizeQuestion(trueFalse), shortAnswer, essay]) {
      expect(questionProblems(draft)).toEqual([]);
    }
  });

  it('needs a prompt of at most 10000 characters', () => {
    expect(questionProblems({ ...essay, prompt: '  \n ' })).toEqual([
      { path: 'prompt', message: 'nội dung câu hỏi không được để trống' },
    ]);
    expect(paths({ ...essay, prompt: 'â'.repeat(10000) })).toEqual([]);
    expect(paths({ ...essay, prompt: 'â'.repeat(10001) })).toEqual(['prompt']);
  });

  it('needs finite points above 0 and at most 1000', () => {
    for (const points of [0, -1, NaN, Infinity, 1000.5]) expect(paths({ ...essay, points })).toEqual(['points']);
    for (const points of [0.25, 1000]) expect(paths({ ...essay, points })).toEqual([]);
  });

  describe('single choice', () => {
    it('needs two options', () => {
      expect(questionProblems({ ...single, options: [{ key: 'A', text: 'Ba' }], correct: 'A' })).toEqual([
        { path: 'options', message: 'cần ít nhất 2 phương án' },
      ]);
      expect(paths({ ...single, options: undefined })).toEqual(['options', 'correct']);
    });

    it('needs non-empty keys and texts, unique after NFC, trimming and case folding', () => {
      const options = [
        { key: 'A', text: 'Đúng vậy' },
        { key: ' ', text: 'Sai' },
        { key: 'a', text: 'Không rõ' },
        { key: 'D', text: '  đúng  VẬY' },
        { key: 'E', text: 'Đu\u0301ng vậy' },
        { key: 'F', text: '' },
      ];
      expect(questionProblems({ ...single, options, correct: 'A' })).toEqual([
        { path: 'options[1].key', message: 'mã phương án không được để trống' },
        { path: 'options[2].key', message: 'mã phương án "a" bị trùng' },
        { path: 'options[3].text', message: 'phương án trùng nội dung với phương án A' },
        { path: 'options[4].text', message: 'phương án trùng nội dung với phương án A' },
        { path: 'options[5].text', message: 'nội dung phương án không được để trống' },
      ]);
    });

    it('needs exactly one correct key that is an option', () => {
      expect(questionProblems({ ...single, correct: undefined })).toEqual([
        { path: 'correct', message: 'thiếu đáp án đúng' },
      ]);
      expect(paths({ ...single, correct: ['B'] })).toEqual(['correct']);
      expect(questionProblems({ ...single, correct: 'E' })).toEqual([
        { path: 'correct', message: 'đáp án đúng "E" không phải mã của phương án nào' },
      ]);
    });

    it('has no accepted answers, partial credit or diacritic folding', () => {
      expect(paths({ ...single, acceptedAnswers: ['Ba'], partialCredit: true, ignoreDiacritics: true })).toEqual([
        'acceptedAnswers',
        'partialCredit',
        'ignoreDiacritics',
      ]);
    });
  });

  describe('multiple choice', () => {
    it('needs a non-empty list of distinct option keys', () => {
      expect(paths({ ...multiple, correct: [] })).toEqual(['correct']);
      expect(paths({ ...multiple, correct: undefined })).toEqual(['correct']);
      expect(questionProblems({ ...multiple, correct: 'A' })).toEqual([
        { path: 'correct', message: 'câu nhiều lựa chọn ghi đáp án đúng thành một danh sách mã phương án' },
      ]);
      expect(questionProblems({ ...multiple, correct: ['A', 'X', 'A'] })).toEqual([
        { path: 'correct[1]', message: 'đáp án đúng "X" không phải mã của phương án nào' },
        { path: 'correct[2]', message: 'đáp án đúng "A" bị lặp' },
      ]);
    });

    it('applies the option rules', () => {
      expect(paths({ ...multiple, options: [{ key: 'A', text: 'Triết học' }], correct: ['A'] })).toEqual(['options']);
    });

    it('with partial credit, needs weights in -100..100 whose positive ones add up to 100', () => {
      const weighted = (weights: number[]): QuestionDraft => ({
        ...multiple,
        partialCredit: true,
        options: multiple.options!.map((option, i) => ({ ...option, weight: weights[i] })),
      });
      expect(questionProblems(weighted([33.333, 33.333, 33.333, -100]))).toEqual([]);
      expect(questionProblems(weighted([50, 30, 10, -100]))).toEqual([
        { path: 'options', message: 'tổng trọng số dương của các phương án phải bằng 100 (hiện là 90)' },
      ]);
      expect(paths(weighted([50, 50, 0, -150]))).toEqual(['options[3].weight']);
      // Without partial credit the weights are not used, so their sum does not matter.
      expect(paths({ ...weighted([50, 30, 10, -100]), partialCredit: false })).toEqual([]);
      expect(paths({ ...multiple, partialCredit: true })).toEqual([]);
    });
  });

  describe('true/false', () => {
    it('needs "true" or "false" as the correct answer', () => {
      expect(paths({ ...trueFalse, correct: 'false' })).toEqual([]);
      expect(questionProblems({ ...trueFalse, correct: 'đúng' })).toEqual([
        { path: 'correct', message: 'đáp án đúng phải là "true" hoặc "false"' },
      ]);
      expect(paths({ ...trueFalse, correct: ['true'] })).toEqual(['correct']);
      expect(paths({ ...trueFalse, correct: undefined })).toEqual(['correct']);
    });

    it('has no options or exactly the options true and false', () => {
      const options = [
        { key: 'false', text: 'Sai' },
        { key: 'true', text: 'Đúng' },
      ];
      expect(paths({ ...trueFalse, options })).toEqual([]);
      expect(paths({ ...trueFalse, options: [...options, { key: 'x', text: 'Không biết' }] })).toEqual(['options']);
      expect(paths({ ...trueFalse, options: [{ key: 'A', text: 'Đúng' }, options[1]] })).toEqual(['options']);
    });
  });

  describe('short answer', () => {
    it('needs at least one non-empty accepted answer', () => {
      expect(questionProblems({ ...shortAnswer, acceptedAnswers: undefined })).toEqual([
        { path: 'acceptedAnswers', message: 'cần ít nhất một đáp án chấp nhận' },
      ]);
      expect(paths({ ...shortAnswer, acceptedAnswers: [' '] })).toEqual(['acceptedAnswers']);
      expect(paths({ ...shortAnswer, acceptedAnswers: ['Hồ Chí Minh', ''] })).toEqual(['acceptedAnswers[1]']);
    });

    it('refuses accepted answers that are the same after folding', () => {
      expect(questionProblems({ ...shortAnswer, acceptedAnswers: ['Hồ Chí Minh', ' hồ  chí MINH'] })).toEqual([
        { path: 'acceptedAnswers[1]', message: 'đáp án chấp nhận " hồ  chí MINH" bị trùng' },
      ]);
      const plain = { ...shortAnswer, acceptedAnswers: ['Hồ Chí Minh', 'Ho Chi Minh'] };
      expect(paths(plain)).toEqual([]);
      expect(paths({ ...plain, ignoreDiacritics: true })).toEqual(['acceptedAnswers[1]']);
    });

    it('takes partial answers worth more than 0% and less than 100%, distinct from every other answer', () => {
      const partial = { ...shortAnswer, partialAnswers: [{ text: 'Nguyễn Tất Thành', weight: 50 }] };
      expect(paths(partial)).toEqual([]);
      expect(
        paths({
          ...shortAnswer,
          partialAnswers: [
            { text: ' ', weight: 50 },
            { text: 'hồ chí minh', weight: 50 },
            { text: 'Bác Hồ', weight: 100 },
            { text: 'Cụ Hồ', weight: 0 },
          ],
        }),
      ).toEqual([
        'partialAnswers[0].text',
        'partialAnswers[1].text',
        'partialAnswers[2].weight',
        'partialAnswers[3].weight',
      ]);
      expect(questionProblems({ ...single, partialAnswers: partial.partialAnswers })).toEqual([
        { path: 'partialAnswers', message: 'chỉ câu trả lời ngắn mới có đáp án được một phần điểm' },
      ]);
      expect(normalizeQuestion({ ...partial, partialAnswers: [{ text: ' Nguyễn Tất Thành ', weight: 50 }] })).toEqual(
        partial,
      );
    });

    it('has no options and no correct key', () => {
      expect(paths({ ...shortAnswer, options: single.options, correct: 'Hồ Chí Minh' })).toEqual([
        'options',
        'correct',
      ]);
    });
  });

  it('an essay has no key', () => {
    expect(questionProblems({ ...essay, correct: 'A', acceptedAnswers: ['x'], options: single.options })).toEqual([
      { path: 'options', message: 'câu tự luận không có phương án' },
      { path: 'correct', message: 'câu tự luận không có đáp án' },
      { path: 'acceptedAnswers', message: 'câu tự luận không có đáp án' },
    ]);
  });

  it('needs tags that are non-empty and at most 100 characters', () => {
    expect(paths({ ...essay, tags: ['Triết học', 'ư'.repeat(100)] })).toEqual([]);
    expect(questionProblems({ ...essay, tags: ['Triết học', ' ', 'ư'.repeat(101)] })).toEqual([
      { path: 'tags[1]', message: 'nhãn không được để trống' },
      { path: 'tags[2]', message: 'nhãn không được dài quá 100 ký tự' },
    ]);
  });

  it('allows partial credit on multiple choice only and diacritic folding on short answer only', () => {
    expect(paths({ ...multiple, partialCredit: true })).toEqual([]);
    expect(paths({ ...shortAnswer, ignoreDiacritics: true })).toEqual([]);
    expect(paths({ ...shortAnswer, partialCredit: true })).toEqual(['partialCredit']);
    expect(paths({ ...multiple, ignoreDiacritics: true })).toEqual(['ignoreDiacritics']);
  });
});

describe('normalizeQuestion', () => {
  const messy: QuestionDraft = {
    type: 'single_choice',
    prompt: '  Nguye\u0302\u0303n A\u0301i Quô\u0301c ra đi tìm đường cứu nước năm nào?\n',
    options: [
      { key: ' A ', text: ' 1911 ' },
      { key: 'B', text: '1930', weight: 0 },
    ],
    correct: ' A',
    acceptedAnswers: [],
    tags: [' Lịch sử Đảng '],
    points: 1,
  };

  it('puts texts in NFC, trims them and drops empty lists', () => {
    expect(normalizeQuestion(messy)).toEqual({
      type: 'single_choice',
      prompt: 'Nguyễn Ái Quốc ra đi tìm đường cứu nước năm nào?',
      options: [
        { key: 'A', text: '1911' },
        { key: 'B', text: '1930', weight: 0 },
      ],
      correct: 'A',
      tags: ['Lịch sử Đảng'],
      points: 1,
    });
    expect(normalizeQuestion({ ...multiple, correct: [' A', 'B '] }).correct).toEqual(['A', 'B']);
    expect(normalizeQuestion({ ...essay, options: [], correct: [], tags: [] })).toEqual(essay);
  });

  it('fills the options of true/false when absent', () => {
    expect(normalizeQuestion(trueFalse).options).toEqual([
      { key: 'true', text: 'Đúng' },
      { key: 'false', text: 'Sai' },
    ]);
    expect(normalizeQuestion({ ...trueFalse, options: [] }).options).toHaveLength(2);
  });

  it('is idempotent and leaves its argument alone', () => {
    const copy = structuredClone(messy);
    for (const draft of [messy, trueFalse, shortAnswer, multiple]) {
      const once = normalizeQuestion(draft);
      expect(normalizeQuestion(once)).toEqual(once);
    }
    expect(messy).toEqual(copy);
  });
});

describe('values of the wrong type from a request', () => {
  it('are reported, never thrown on', () => {
    const draft = {
      type: 'multiple_choice',
      prompt: 'Hỏi?',
      points: 1,
      options: [
        { key: 'A', text: 'a' },
        { key: 'B', text: 'b' },
      ],
      correct: [1, null],
    } as unknown as QuestionDraft;
    expect(questionProblems(normalizeQuestion(draft)).map((p) => p.path)).toEqual(['correct[0]', 'correct[1]']);
  });
});
