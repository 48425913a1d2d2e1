import { parseGift } from './gift';

const drafts = (text: string) => {
  const result = parseGift(text);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.questions;
};
const errors = (text: string) => {
  const result = parseGift(text);
  if (result.ok) throw new Error('parsed without errors');
  return result.errors;
};

describe('parseGift', () => {
  it('reads single choice, keyed A, B, C… in the order written', () => {
    const text = 'Đại hội lần thứ mấy của Đảng khởi xướng công cuộc Đổi mới?{~Đại hội V =Đại hội VI ~Đại hội VII}';
    expect(drafts(text)).toEqual([
      {
        line: 1,
        draft: {
          type: 'single_choice',
          prompt: 'Đại hội lần thứ mấy của Đảng khởi xướng công cuộc Đổi mới?',
          options: [
            { key: 'A', text: 'Đại hội V ' },
            { key: 'B', text: 'Đại hội VI ' },
            { key: 'C', text: 'Đại hội VII' },
          ],
          correct: 'B',
          points: 1,
        },
      },
    ]);
  });

  it('reads weighted multiple answers as multiple choice with partial credit', () => {
    const text = [
      'Những bộ phận cấu thành chủ nghĩa Mác – Lênin là: {',
      '  ~%50%Triết học Mác – Lênin',
      '  ~%50%Kinh tế chính trị Mác – Lênin',
      '  ~%-100%Lịch sử Đảng Cộng sản Việt Nam',
      '}',
    ].join('\n');
    const [{ draft }] = drafts(text);
    expect(draft).toMatchObject({
      type: 'multiple_choice',
      prompt: 'Những bộ phận cấu thành chủ nghĩa Mác – Lênin là: ',
      correct: ['A', 'B'],
      partialCredit: true,
    });
    expect(draft.options?.map(({ key, weight }) => [key, weight])).toEqual([
      ['A', 50],
      ['B', 50],
      ['C', -100],
    ]);
    expect(draft.options?.[2].text.trim()).toBe('Lịch sử Đảng Cộng sản Việt Nam');
  });

  it('gives weight 0 to unweighted options of a weighted question', () => {
    const [{ draft }] = drafts('Chọn các giai cấp:{~%100%Công nhân ~Tư sản}');
    expect(draft.options).toEqual([
      { key: 'A', text: 'Công nhân ', weight: 100 },
      { key: 'B', text: 'Tư sản', weight: 0 },
    ]);
    expect(draft.correct).toEqual(['A']);
  });

  it('reads true/false in all its spellings, ignoring feedback', () => {
    const text = [
      'Hồ Chí Minh đọc Tuyên ngôn độc lập ngày 2/9/1945.{T}',
      '',
      'Câu 2 đúng.{TRUE#Chính xác}',
      '',
      'Việt Nam có 60 tỉnh, thành phố.{F#Sai rồi#Đúng vậy}',
      '',
      'Đảng ra đời năm 1945.{ false }',
    ].join('\n');
    expect(drafts(text).map(({ line, draft }) => [line, draft.type, draft.correct])).toEqual([
      [1, 'true_false', 'true'],
      [3, 'true_false', 'true'],
      [5, 'true_false', 'false'],
      [7, 'true_false', 'false'],
    ]);
  });

  it('reads short answers from `=` answers only, 100% ones included', () => {
    const [{ draft }] = drafts(
      'Ai là người sáng lập Đảng Cộng sản Việt Nam?{=Hồ Chí Minh =%100%Nguyễn Ái Quốc#Tên khác}',
    );
    expect(draft).toEqual({
      type: 'short_answer',
      prompt: 'Ai là người sáng lập Đảng Cộng sản Việt Nam?',
      acceptedAnswers: ['Hồ Chí Minh ', 'Nguyễn Ái Quốc'],
      points: 1,
    });
  });

  it('reads essays, with a title used as the prompt when there is no other', () => {
    expect(
      drafts('Phân tích quan điểm của Đảng về kinh tế thị trường định hướng xã hội chủ nghĩa.{}')[0].draft,
    ).toEqual({
      type: 'essay',
      prompt: 'Phân tích quan điểm của Đảng về kinh tế thị trường định hướng xã hội chủ nghĩa.',
      points: 1,
    });
    expect(drafts('::Bàn về dân chủ xã hội chủ nghĩa::{}')[0].draft.prompt).toBe('Bàn về dân chủ xã hội chủ nghĩa');
  });

  it('ignores the title otherwise, and the text format prefix', () => {
    const [{ draft }] = drafts(
      '::Câu 1::[markdown]Nhà nước ta là nhà nước của ai?{=Của nhân dân ~Của giai cấp tư sản}',
    );
    expect(draft.prompt).toBe('Nhà nước ta là nhà nước của ai?');
    expect(drafts('[html]<p>Đúng hay sai?</p>{T}')[0].draft.prompt).toBe('<p>Đúng hay sai?</p>');
  });

  it('puts a blank where the answer block stands in the middle of the text', () => {
    const [{ draft }] = drafts('Chủ tịch Hồ Chí Minh sinh năm {=1890 ~1911 ~1930} tại Nghệ An.');
    expect(draft.prompt).toBe('Chủ tịch Hồ Chí Minh sinh năm _____ tại Nghệ An.');
    expect(draft.type).toBe('single_choice');
  });

  it('unescapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n', () => {
    const text = String.raw`::Tiêu đề\: có dấu hai chấm::Công thức \{a\} \= b\# \~ c\nmới\\{=x \= y ~a\~b ~\{c\}}`;
    const [{ draft }] = drafts(text);
    expect(draft.prompt).toBe('Công thức {a} = b# ~ c\nmới\\');
    expect(draft.options?.map((option) => option.text)).toEqual(['x = y ', 'a~b ', '{c}']);
  });

  it('ignores comments and answer and general feedback', () => {
    const text = [
      '// Ngân hàng câu hỏi môn Triết học',
      '// Soạn tháng 3',
      'Vật chất có trước hay ý thức có trước?',
      '// ghi chú giữa câu',
      '{=Vật chất#Đúng theo chủ nghĩa duy vật ~Ý thức#Đó là quan điểm duy tâm ####Xem giáo trình chương 2}',
    ].join('\n');
    expect(drafts(text)).toEqual([
      {
        line: 3,
        draft: {
          type: 'single_choice',
          prompt: 'Vật chất có trước hay ý thức có trước?\n',
          options: [
            { key: 'A', text: 'Vật chất' },
            { key: 'B', text: 'Ý thức' },
          ],
          correct: 'A',
          points: 1,
        },
      },
    ]);
  });

  it('tags questions with the last segment of the category before them', () => {
    const text = [
      '$CATEGORY: $course$/top/Triết học Mác – Lênin/Chương 1',
      '',
      'Câu một.{T}',
      '',
      'Câu hai.{F}',
      '',
      '$CATEGORY: $course$/top/Kinh tế chính trị',
      'Câu ba.{T}',
      '',
      '$CATEGORY: $course$/top',
      '',
      'Câu bốn.{T}',
    ].join('\n');
    expect(drafts(text).map(({ line, draft }) => [line, draft.tags])).toEqual([
      [3, ['Chương 1']],
      [5, ['Chương 1']],
      [8, ['Kinh tế chính trị']],
      [12, undefined],
    ]);
  });

  it('reads questions and answer blocks over several lines; the line is the first of the text', () => {
    const text = [
      '',
      '',
      '::Câu dài::Theo Hiến pháp năm 2013,',
      'cơ quan quyền lực nhà nước cao nhất là',
      '{',
      '  =Quốc hội',
      '  ~Chính phủ',
      '  ~Tòa án nhân dân tối cao',
      '}',
      '',
      'Câu tiếp theo.{T}',
    ].join('\n');
    const parsed = drafts(text);
    expect(parsed.map(({ line }) => line)).toEqual([3, 11]);
    expect(parsed[0].draft.prompt).toBe('Theo Hiến pháp năm 2013,\ncơ quan quyền lực nhà nước cao nhất là\n');
    expect(parsed[0].draft.options?.map((option) => option.text.trim())).toEqual([
      'Quốc hội',
      'Chính phủ',
      'Tòa án nhân dân tối cao',
    ]);
  });

  it('leaves several `=` in a choice for the rules to refuse', () => {
    expect(drafts('Chọn {=một =hai ~ba}')[0].draft.correct).toEqual(['A', 'B']);
  });

  describe('errors', () => {
    it('refuses numerical and matching questions at the line of their block', () => {
      expect(errors('Năm thành lập Đảng?\n{#1930}')).toEqual([
        { line: 2, message: 'loại câu hỏi số (numerical) chưa được hỗ trợ' },
      ]);
      expect(errors('Ghép đôi:{\n=Mác -> Đức\n=Lênin -> Nga\n}')).toEqual([
        { line: 1, message: 'loại câu hỏi ghép đôi (matching) chưa được hỗ trợ' },
      ]);
    });

    it('reports an unterminated { at the line where it opened, and goes on with the next question', () => {
      const text = ['Câu đầu.{T}', '', 'Câu hỏi', 'thiếu dấu đóng {', '=Quốc hội', '~Chính phủ', '', 'Câu sau.{F}'];
      expect(parseGift(text.join('\n'))).toEqual({
        ok: false,
        errors: [{ line: 4, message: 'cú pháp GIFT không hợp lệ: thiếu dấu }' }],
        questions: [expect.objectContaining({ line: 1 }), expect.objectContaining({ line: 8 })],
      });
      expect(errors('Câu {=a ~b\nvà {=c ~d}')).toEqual([
        { line: 1, message: 'cú pháp GIFT không hợp lệ: thiếu dấu }' },
      ]);
    });

    it('reports every malformed question, each at its line', () => {
      const text = [
        'Thiếu khối đáp án.', //              1
        '',
        'Dấu đóng } lạc chỗ {T}', //           3
        '',
        'Hai khối {T} và', //                  5
        'một khối nữa {F}', //                 6
        '',
        '::Tiêu đề không đóng {T}', //         8
        '',
        'Chữ lạc {lạc =a ~b}', //              10
        '',
        'Câu nhiều đáp án {', //               12
        '~%abc%Một',
        '}',
        '',
        'Câu ngắn {=Hà Nội', //                16
        '=%50%Hà Nội cũ}', //                  17
        '',
        'Không có đáp án đúng {~một ~hai}', // 19
        '',
        'Một lựa chọn có trọng số {=a ~%50%b}', // 21
      ];
      expect(errors(text.join('\n'))).toEqual([
        { line: 1, message: 'cú pháp GIFT không hợp lệ: thiếu khối đáp án { … }' },
        { line: 3, message: 'cú pháp GIFT không hợp lệ: dấu } không có dấu { mở (viết \\} nếu là chữ)' },
        { line: 6, message: 'cú pháp GIFT không hợp lệ: mỗi câu hỏi chỉ có một khối đáp án { … }' },
        { line: 8, message: 'cú pháp GIFT không hợp lệ: thiếu dấu :: đóng tên câu hỏi' },
        { line: 10, message: 'cú pháp GIFT không hợp lệ: mỗi đáp án phải bắt đầu bằng = hoặc ~' },
        { line: 13, message: 'cú pháp GIFT không hợp lệ: trọng số "%abc%" không phải là số' },
        { line: 17, message: 'câu trả lời ngắn chỉ nhận đáp án 100%, không nhận 50%' },
        { line: 19, message: 'thiếu đáp án đúng: đánh dấu bằng = hoặc cho trọng số ~%…%' },
        { line: 21, message: 'điểm từng phần (%…%) chỉ dùng cho câu nhiều đáp án, khi mọi phương án bắt đầu bằng ~' },
      ]);
    });
  });
});
