import { parseCsvQuestions } from './csv';

const HEADER = 'type,prompt,option_a,option_b,option_c,option_d,option_e,option_f,correct,accepted_answers,points,tags';

describe('parseCsvQuestions', () => {
  it('reads every type; option keys are the column letters', () => {
    const text = [
      HEADER,
      'single_choice,Đảng Cộng sản Việt Nam ra đời năm nào?,1925,,1930,1945,,,c,,,Lịch sử Đảng',
      'multiple_choice,"Chọn các bộ phận của chủ nghĩa Mác – Lênin",Triết học,Kinh tế chính trị,Văn học,,,,"a; B",,2,Triết học;Kinh tế',
      'true_false,Hồ Chí Minh sinh năm 1890.,,,,,,,Đúng,,"1,5",',
      'short_answer,Thủ đô của Việt Nam là gì?,,,,,,,,Hà Nội|Ha Noi|,,',
      'essay,Phân tích vai trò của nhân dân.,,,,,,,,,10,',
    ].join('\n');
    expect(parseCsvQuestions(text)).toEqual({
      ok: true,
      questions: [
        {
          line: 2,
          draft: {
            type: 'single_choice',
            prompt: 'Đảng Cộng sản Việt Nam ra đời năm nào?',
            options: [
              { key: 'A', text: '1925' },
              { key: 'C', text: '1930' },
              { key: 'D', text: '1945' },
            ],
            correct: 'C',
            acceptedAnswers: [],
            points: 1,
            tags: ['Lịch sử Đảng'],
          },
        },
        {
          line: 3,
          draft: expect.objectContaining({
            type: 'multiple_choice',
            correct: ['A', 'B'],
            points: 2,
            tags: ['Triết học', 'Kinh tế'],
          }),
        },
        { line: 4, draft: expect.objectContaining({ type: 'true_false', correct: 'true', points: 1.5, options: [] }) },
        { line: 5, draft: expect.objectContaining({ type: 'short_answer', acceptedAnswers: ['Hà Nội', 'Ha Noi'] }) },
        { line: 6, draft: expect.objectContaining({ type: 'essay', points: 10 }) },
      ],
    });
  });

  it('needs only type and prompt, and skips rows left empty', () => {
    const result = parseCsvQuestions('prompt,type,correct\nCâu hỏi đúng sai?,true_false,F\n,,\nCâu tự luận,essay,\n');
    expect(result).toMatchObject({
      ok: true,
      questions: [
        { line: 2, draft: { type: 'true_false', correct: 'false', points: 1 } },
        { line: 4, draft: { type: 'essay' } },
      ],
    });
  });

  it('accepts true/false, đúng/sai and T/F in any case', () => {
    const rows = ['TRUE', 'false', 'ĐÚNG', 'sai', 't', 'F'].map((value) => `true_false,Câu hỏi,${value}`);
    const result = parseCsvQuestions(['type,prompt,correct', ...rows].join('\n'));
    expect(result.ok && result.questions.map(({ draft }) => draft.correct)).toEqual([
      'true',
      'false',
      'true',
      'false',
      'true',
      'false',
    ]);
  });

  it('passes a key given to a type without one on, for the rules to refuse', () => {
    const result = parseCsvQuestions('type,prompt,correct\nessay,Bàn luận,A\n');
    expect(result.ok && result.questions[0].draft.correct).toBe('A');
  });

  it('reports each bad row with its line and column, all of them', () => {
    const text = [
      'type,prompt,correct,points',
      'nhiều lựa chọn,Câu một,A,1',
      'true_false,Câu hai,có,1',
      'essay,Câu ba,,một',
      'single_choice,Câu bốn,A,2',
    ].join('\n');
    expect(parseCsvQuestions(text)).toEqual({
      ok: false,
      errors: [
        {
          line: 2,
          path: 'type',
          message:
            'loại câu hỏi "nhiều lựa chọn" không hợp lệ; dùng một trong: single_choice, multiple_choice, true_false, short_answer, essay',
        },
        { line: 3, path: 'correct', message: 'đáp án "có" không hợp lệ; dùng true/false, đúng/sai hoặc T/F' },
        { line: 4, path: 'points', message: 'điểm "một" không phải là số' },
      ],
      questions: [expect.objectContaining({ line: 5 })],
    });
  });

  it('reports a file that is not CSV or lacks a required column at line 1', () => {
    expect(parseCsvQuestions('type,correct\nessay,\n')).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'Thiếu cột: prompt.' }],
      questions: [],
    });
    expect(parseCsvQuestions('type,prompt\nessay,"không đóng\n')).toMatchObject({ ok: false, errors: [{ line: 1 }] });
  });
});
