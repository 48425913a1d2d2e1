import { parseJsonQuestions } from './json';

describe('parseJsonQuestions', () => {
  it('reads an array of drafts; each line is where its element starts', () => {
    const text = `[
  {
    "type": "single_choice",
    "prompt": "Ngoặc trong chuỗi: [{\\"}, ] và \\\\",
    "options": [{ "key": "A", "text": "Một" }, { "key": "B", "text": "Hai", "weight": null }],
    "correct": "A",
    "points": 2,
    "tags": ["Triết học"],
    "lesson": 0
  },

  { "type": "essay", "prompt": "Bàn về {dân chủ}", "lessonId": "8c0f2a1e-5b7d-4c3a-9e2f-1a2b3c4d5e6f", "tags": null },
  {"type": "true_false", "prompt": "Đúng?", "correct": "true", "partialCredit": false}, {"type":"short_answer","prompt":"Ai?",
  "acceptedAnswers": ["Hồ Chí Minh"], "ignoreDiacritics": true}
]`;
    expect(parseJsonQuestions(text)).toEqual({
      ok: true,
      questions: [
        {
          line: 2,
          draft: {
            type: 'single_choice',
            prompt: 'Ngoặc trong chuỗi: [{"}, ] và \\',
            options: [
              { key: 'A', text: 'Một' },
              { key: 'B', text: 'Hai' },
            ],
            correct: 'A',
            points: 2,
            tags: ['Triết học'],
            lesson: 0,
          },
        },
        {
          line: 12,
          draft: {
            type: 'essay',
            prompt: 'Bàn về {dân chủ}',
            lessonId: '8c0f2a1e-5b7d-4c3a-9e2f-1a2b3c4d5e6f',
            points: 1,
          },
        },
        { line: 13, draft: { type: 'true_false', prompt: 'Đúng?', correct: 'true', partialCredit: false, points: 1 } },
        {
          line: 13,
          draft: {
            type: 'short_answer',
            prompt: 'Ai?',
            acceptedAnswers: ['Hồ Chí Minh'],
            ignoreDiacritics: true,
            points: 1,
          },
        },
      ],
    });
  });

  it('reports the line of a syntax error', () => {
    expect(parseJsonQuestions('[\n  {"type": "essay",\n   "prompt" "Thiếu dấu hai chấm"}\n]')).toEqual({
      ok: false,
      errors: [{ line: 3, message: 'cú pháp JSON không hợp lệ' }],
      questions: [],
    });
    expect(parseJsonQuestions('[\n  {"type": "essay"\n\n')).toMatchObject({
      errors: [{ line: 2, message: 'cú pháp JSON không hợp lệ' }],
    });
    expect(parseJsonQuestions('[\n  {"type": "essay"},\n\n')).toMatchObject({
      errors: [{ line: 2, message: 'cú pháp JSON không hợp lệ: tệp kết thúc giữa chừng' }],
    });
    // V8 gives no position for an unexpected token: the line is unknown, the token is named.
    expect(parseJsonQuestions('[\n{"type": "essay", "prompt": "Tự luận"},\n]')).toMatchObject({
      errors: [{ line: 1, message: "cú pháp JSON không hợp lệ: ký tự ']' đặt sai chỗ" }],
    });
  });

  it('needs an array of objects', () => {
    expect(parseJsonQuestions('{"questions": []}')).toMatchObject({
      errors: [{ line: 1, message: 'tệp JSON phải là một mảng các câu hỏi' }],
    });
    expect(parseJsonQuestions('[\n"Câu hỏi",\n[],\nnull\n]')).toMatchObject({
      errors: [2, 3, 4].map((line) => ({ line, message: 'mỗi phần tử của mảng phải là một câu hỏi (đối tượng JSON)' })),
    });
  });

  it('reports unknown fields, missing ones and wrong types, every one with its path', () => {
    const text = `[
  { "type": "essay", "prompt": "Tốt" },
  { "kind": "essay", "prompt": 5, "points": "2", "tags": ["a", 1], "partialCredit": "có" },
  {
    "type": "trắc nghiệm", "prompt": null, "correct": [1], "acceptedAnswers": "x",
    "ignoreDiacritics": 1, "lesson": -1, "lessonId": "bài 1",
    "options": [{ "key": "A", "text": "Một", "note": "" }, "B", { "key": 2, "weight": "50%" }]
  }
]`;
    expect(parseJsonQuestions(text)).toEqual({
      ok: false,
      errors: [
        { line: 3, path: 'type', message: 'thiếu trường bắt buộc' },
        { line: 3, path: 'kind', message: 'trường không được hỗ trợ' },
        { line: 3, path: 'prompt', message: 'phải là chuỗi ký tự' },
        { line: 3, path: 'points', message: 'phải là số' },
        { line: 3, path: 'tags', message: 'phải là danh sách chuỗi ký tự' },
        { line: 3, path: 'partialCredit', message: 'phải là true hoặc false' },
        { line: 4, path: 'prompt', message: 'thiếu trường bắt buộc' },
        {
          line: 4,
          path: 'type',
          message: 'phải là một trong: single_choice, multiple_choice, true_false, short_answer, essay',
        },
        { line: 4, path: 'correct', message: 'phải là mã phương án hoặc danh sách mã phương án' },
        { line: 4, path: 'acceptedAnswers', message: 'phải là danh sách chuỗi ký tự' },
        { line: 4, path: 'ignoreDiacritics', message: 'phải là true hoặc false' },
        { line: 4, path: 'lesson', message: 'phải là số nguyên từ 0 (thứ tự bài học)' },
        { line: 4, path: 'lessonId', message: 'phải là UUID' },
        { line: 4, path: 'options[0].note', message: 'trường không được hỗ trợ' },
        { line: 4, path: 'options[1]', message: 'phương án phải là đối tượng có key và text' },
        { line: 4, path: 'options[2].text', message: 'thiếu trường bắt buộc' },
        { line: 4, path: 'options[2].key', message: 'phải là chuỗi ký tự' },
        { line: 4, path: 'options[2].weight', message: 'phải là số' },
      ],
      questions: [{ line: 2, draft: { type: 'essay', prompt: 'Tốt', points: 1 } }],
    });
  });
});
