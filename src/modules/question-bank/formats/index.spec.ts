import { parseQuestionBank, QUESTION_FORMATS } from './index';

const gift = (text: string) => parseQuestionBank('gift', Buffer.from(text, 'utf8'));

describe('parseQuestionBank', () => {
  it('has a parser for every format', () => {
    const samples = {
      json: '[{"type": "true_false", "prompt": "Đúng?", "correct": "true"}]',
      csv: 'type,prompt,correct\ntrue_false,Đúng?,T\n',
      gift: 'Đúng?{T}',
      aiken: 'Đúng?\nA. Có\nB. Không\nANSWER: A\n',
    };
    for (const format of QUESTION_FORMATS) {
      expect(parseQuestionBank(format, Buffer.from(samples[format])).ok).toBe(true);
    }
  });

  it('drops a BOM, reads CRLF and returns the questions normalized', () => {
    const text = '\ufeff// Lý luận chính trị\r\n\r\n  Nguye\u0302\u0303n A\u0301i Quô\u0301c là ai?  \r\n{T}\r\n';
    expect(gift(text)).toEqual({
      ok: true,
      questions: [
        {
          line: 3,
          draft: {
            type: 'true_false',
            prompt: 'Nguyễn Ái Quốc là ai?',
            options: [
              { key: 'true', text: 'Đúng' },
              { key: 'false', text: 'Sai' },
            ],
            correct: 'true',
            points: 1,
          },
        },
      ],
    });
  });

  it('refuses bytes that are not UTF-8 at line 1', () => {
    // "Đúng" in Windows-1258, as an old Vietnamese Word file would save it.
    expect(parseQuestionBank('aiken', Buffer.from([0xd0, 0xfa, 0x6e, 0x67]))).toEqual({
      ok: false,
      errors: [{ line: 1, message: 'tệp không phải văn bản UTF-8 hợp lệ' }],
    });
  });

  it('collects the syntax errors and the rule problems of all questions, sorted by line', () => {
    const text = [
      'Câu một có hai đáp án đúng {=A =B ~C}', //   1: rules
      '',
      'Câu hai thiếu dấu đóng {=Hà Nội ~Huế', //    3: syntax
      '',
      'Câu ba có phương án trùng {=Ba ~ba ~Bốn}', // 5: rules
      '',
      'Năm thành lập Đảng? {#1930}', //              7: syntax
    ].join('\n');
    expect(gift(text)).toEqual({
      ok: false,
      errors: [
        { line: 1, path: 'correct', message: 'câu một lựa chọn phải có đúng một đáp án đúng' },
        { line: 3, message: 'cú pháp GIFT không hợp lệ: thiếu dấu }' },
        { line: 5, path: 'options[1].text', message: 'phương án trùng nội dung với phương án A' },
        { line: 7, message: 'loại câu hỏi số (numerical) chưa được hỗ trợ' },
      ],
    });
  });

  it('refuses a bank without questions at line 1', () => {
    const empty = { ok: false, errors: [{ line: 1, message: 'tệp không có câu hỏi nào' }] };
    expect(gift('// chỉ có chú thích\n\n$CATEGORY: $course$/top/Trống\n')).toEqual(empty);
    expect(parseQuestionBank('json', Buffer.from('[]'))).toEqual(empty);
    expect(parseQuestionBank('csv', Buffer.from('type,prompt\n'))).toEqual(empty);
    expect(parseQuestionBank('aiken', Buffer.from(''))).toEqual(empty);
  });
});
