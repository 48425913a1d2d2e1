import { parseAiken } from './aiken';

describe('parseAiken', () => {
  it('reads single-choice questions keyed by their letters, with or without blank lines between them', () => {
    const text = [
      'Chủ nghĩa Mác – Lênin có mấy bộ phận cấu thành?',
      'A. Hai',
      'B. Ba',
      'C) Bốn',
      'ANSWER: B',
      'Theo Hiến pháp năm 2013,',
      'cơ quan nào là cơ quan quyền lực nhà nước cao nhất?',
      '',
      'A) Quốc hội',
      'B) Chính phủ',
      'ANSWER:a',
      '',
      '',
    ].join('\n');
    expect(parseAiken(text)).toEqual({
      ok: true,
      questions: [
        {
          line: 1,
          draft: {
            type: 'single_choice',
            prompt: 'Chủ nghĩa Mác – Lênin có mấy bộ phận cấu thành?',
            options: [
              { key: 'A', text: 'Hai' },
              { key: 'B', text: 'Ba' },
              { key: 'C', text: 'Bốn' },
            ],
            correct: 'B',
            points: 1,
          },
        },
        {
          line: 6,
          draft: {
            type: 'single_choice',
            prompt: 'Theo Hiến pháp năm 2013,\ncơ quan nào là cơ quan quyền lực nhà nước cao nhất?',
            options: [
              { key: 'A', text: 'Quốc hội' },
              { key: 'B', text: 'Chính phủ' },
            ],
            correct: 'A',
            points: 1,
          },
        },
      ],
    });
  });

  it('reports an option before any prompt once, and an ANSWER letter that is no option', () => {
    const text = ['A. Hai', 'B. Ba', 'ANSWER: A', '', 'Câu hỏi?', 'A. Có', 'B. Không', 'ANSWER: D'].join('\n');
    expect(parseAiken(text)).toEqual({
      ok: false,
      errors: [
        { line: 1, message: 'phương án đứng trước nội dung câu hỏi' },
        { line: 8, message: 'đáp án "D" không phải chữ cái của phương án nào' },
      ],
      questions: [],
    });
  });

  it('reports a missing ANSWER, for a question followed by the next one and at the end of the file', () => {
    const text = ['Câu một?', 'A. Có', 'B. Không', '', 'Câu hai?', 'A. Có', 'B. Không', 'ANSWER: A', '', 'Câu ba?'];
    const result = parseAiken(text.join('\n'));
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { line: 1, message: 'thiếu dòng ANSWER' },
        { line: 10, message: 'thiếu các phương án (A. …) và dòng ANSWER' },
      ],
      questions: [{ line: 5 }],
    });
    expect(parseAiken('Câu một?\nA. Có\nB. Không')).toMatchObject({
      errors: [{ line: 1, message: 'thiếu dòng ANSWER' }],
    });
  });

  it('reports stray text right after the options, fewer than two options and an ANSWER of no question', () => {
    const text = [
      'Câu một?',
      'A. Có',
      'B. Không',
      'dòng thừa',
      'ANSWER: A',
      'ANSWER: B',
      'Câu hai?',
      'A. Có',
      'ANSWER: A',
    ];
    expect(parseAiken(text.join('\n'))).toMatchObject({
      ok: false,
      errors: [
        { line: 4, message: 'nội dung thừa sau các phương án: cần một phương án (A. …) hoặc dòng ANSWER' },
        { line: 6, message: 'dòng ANSWER không thuộc câu hỏi nào' },
        { line: 9, message: 'câu hỏi cần ít nhất 2 phương án trước dòng ANSWER' },
      ],
    });
  });
});
