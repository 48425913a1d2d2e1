import { foldVietnamese, normalizeName } from './vietnamese';

describe('Vietnamese text', () => {
  it('folds diacritics, đ and case for search', () => {
    expect(foldVietnamese('Nguyễn Văn A')).toBe('nguyen van a');
    expect(foldVietnamese('ĐẶNG THỊ Hồng  Nhung')).toBe('dang thi hong nhung');
    expect(foldVietnamese('Trường Chính trị tỉnh Hà Giang')).toBe('truong chinh tri tinh ha giang');
  });

  it('stores names in NFC with single spaces', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n A ';
    expect(normalizeName(decomposed)).toBe('Nguyễn Văn A');
    expect(normalizeName(decomposed)).toHaveLength('Nguyễn Văn A'.length);
  });
});
