import { normalizeQuestion, questionProblems } from '../question.rules';
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

  it('keeps short answers worth part of the points as partial answers, as Moodle reads `=%50%`', () => {
    // Moodle's test_import_shortanswer(_with_general_feedback): the 0% catch-all only carries feedback.
    const text = [
      '// question: 666  name: Shortanswer',
      '::Shortanswer::Which is the best animal?{',
      '    =Frog#Good!',
      '    =%50%Cat#What is it with Moodlers and cats?',
      '    =%0%*#Completely wrong',
      '    ####[html]Here is some general feedback!',
      '}',
    ].join('\n');
    const [{ line, draft }] = drafts(text);
    expect(line).toBe(2);
    expect(normalizeQuestion(draft)).toEqual({
      type: 'short_answer',
      prompt: 'Which is the best animal?',
      acceptedAnswers: ['Frog'],
      partialAnswers: [{ text: 'Cat', weight: 50 }],
      points: 1,
    });
    expect(questionProblems(normalizeQuestion(draft))).toEqual([]);
    expect(errors('Con vật nào?{=Ếch =%50%*}')).toEqual([
      { line: 1, message: 'câu trả lời ngắn chưa hỗ trợ ký tự đại diện *' },
    ]);
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

  describe("Moodle's own import tests (question/format/gift/tests/giftformat_test.php)", () => {
    const stored = (text: string) => drafts(text).map(({ draft }) => normalizeQuestion(draft));

    it('essay: title, comment and the prompt', () => {
      expect(stored('\n// essay\n::Q8:: How are you? {}')).toEqual([
        { type: 'essay', prompt: 'How are you?', points: 1 },
      ]);
    });

    it('multiple choice: format markers stripped from answers, feedback left out', () => {
      const text = [
        '// multiple choice with specified feedback for right and wrong answers',
        "::Q2:: What's between orange and green in the spectrum?",
        '{',
        '    =yellow # right; good!',
        "    ~red # [html]wrong, it's yellow",
        "    ~[plain]blue # wrong, it's yellow",
        '}',
      ].join('\n');
      expect(stored(text)).toEqual([
        {
          type: 'single_choice',
          prompt: "What's between orange and green in the spectrum?",
          options: [
            { key: 'A', text: 'yellow' },
            { key: 'B', text: 'red' },
            { key: 'C', text: 'blue' },
          ],
          correct: 'A',
          points: 1,
        },
      ]);
    });

    it('multiple answers: weights with negative ones, a marker after the weight', () => {
      const text = [
        "::colours:: What's between orange and green in the spectrum?",
        '{',
        '    ~%50%yellow # right; good!',
        '    ~%-100%red # [html]wrong',
        '    ~%50%off-beige # right; good!',
        '    ~%-100%[plain]blue # wrong',
        '}',
      ].join('\n');
      const [question] = stored(text);
      expect(question).toMatchObject({ type: 'multiple_choice', correct: ['A', 'C'], partialCredit: true });
      expect(question.options?.map(({ text, weight }) => [text, weight])).toEqual([
        ['yellow', 50],
        ['red', -100],
        ['off-beige', 50],
        ['blue', -100],
      ]);
      const tricky = stored(
        "::colours:: What's between?{\n~%100%yellow # right\n~%-50%red # wrong\n~%-50%blue # wrong\n}",
      );
      expect(tricky[0].options?.map(({ weight }) => weight)).toEqual([100, -50, -50]);
      expect(tricky[0].correct).toEqual(['A']);
      expect(questionProblems(question)).toEqual([]);
    });

    it('true/false with feedback for each answer', () => {
      const text =
        '// true/false\n::Q1:: 42 is the Absolute Answer to everything.{\nFALSE#42 is the Ultimate Answer.#You gave the right answer.}';
      expect(stored(text)).toEqual([
        expect.objectContaining({
          type: 'true_false',
          prompt: '42 is the Absolute Answer to everything.',
          correct: 'false',
        }),
      ]);
      expect(stored('// name 0-11\n::2-08 TSL::TSL is blablabla.{T}')[0]).toMatchObject({
        prompt: 'TSL is blablabla.',
        correct: 'true',
      });
      expect(stored('// name 0-11\n::2-08 TSL::TSL is blablabla.{TRUE}')[0].correct).toBe('true');
    });

    it('backslashes and escaped braces in an [html] prompt', () => {
      expect(stored(String.raw`::double backslash:: A \\ B \\\\ C{}`)[0].prompt).toBe(String.raw`A \ B \\ C`);
      const pre = [
        '::Q001::[html]<p>What would running the test method print?</p>',
        '<pre>',
        '    public void test() \\{',
        '        method1();',
        '    \\}',
        '</pre>',
        '{}',
      ].join('\n');
      expect(stored(pre)[0].prompt).toBe(
        '<p>What would running the test method print?</p>\n<pre>\n    public void test() {\n        method1();\n    }\n</pre>',
      );
    });

    it('refuses the types we do not model, naming the line: numerical and matching', () => {
      expect(errors('// math range question\n::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}')).toEqual([
        { line: 2, message: 'loại câu hỏi số (numerical) chưa được hỗ trợ' },
      ]);
      const match = [
        '// question: 2  name: Moodle activities',
        '::Moodle activities::[html]Match the <b>activity</b> to the description.{',
        '    =[html]An activity supporting asynchronous discussions. -> Forum',
        '    =[moodle]A teacher asks a question and specifies a choice of multiple responses. -> Choice',
        '    = -> Chat',
        '}',
      ].join('\n');
      expect(errors(match)).toEqual([{ line: 2, message: 'loại câu hỏi ghép đôi (matching) chưa được hỗ trợ' }]);
    });
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
        '=%-50%Hà Nội cũ}', //                 17
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
        { line: 17, message: 'câu trả lời ngắn nhận phần điểm từ 0% đến 100%, không nhận -50%' },
        { line: 19, message: 'thiếu đáp án đúng: đánh dấu bằng = hoặc cho trọng số ~%…%' },
        { line: 21, message: 'điểm từng phần (%…%) chỉ dùng cho câu nhiều đáp án, khi mọi phương án bắt đầu bằng ~' },
      ]);
    });
  });
});
