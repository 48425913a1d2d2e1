import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsString, Min, ValidateNested, validateSync } from 'class-validator';
import { fieldsWithNul, flattenValidationErrors } from './validation';

class Lesson {
  @IsString()
  title: string;

  @IsInt()
  @Min(0)
  periods: number;
}

class Course {
  @IsString()
  title: string;

  @ValidateNested({ each: true })
  @Type(() => Lesson)
  lessons: Lesson[];
}

describe('flattenValidationErrors', () => {
  it('names nested fields as paths and speaks Vietnamese for the common constraints', () => {
    const course = plainToInstance(Course, {
      title: 5,
      lessons: [{ title: 'Bài 1', periods: 5 }, { title: 'Bài 2', periods: -1 }, { periods: 'năm' }],
    });
    const errors = flattenValidationErrors(validateSync(course));
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'title', message: 'phải là chuỗi ký tự' },
        { field: 'lessons[1].periods', message: 'không được nhỏ hơn 0' },
        { field: 'lessons[2].title', message: 'phải là chuỗi ký tự' },
        { field: 'lessons[2].periods', message: 'phải là số nguyên' },
      ]),
    );
    expect(errors.some((e) => e.field.startsWith('lessons[0]'))).toBe(false);
  });

  it('keeps a message the DTO wrote itself', () => {
    class Named {
      @IsString({ message: 'Họ tên là bắt buộc' })
      fullName: string;
    }
    const errors = flattenValidationErrors(validateSync(plainToInstance(Named, {})));
    expect(errors).toEqual([{ field: 'fullName', message: 'Họ tên là bắt buộc' }]);
  });
});

describe('fieldsWithNul', () => {
  it('names every string holding a NUL character, nested ones as paths', () => {
    const body = {
      title: 'Bài\u00001',
      lessons: [{ title: 'ổn' }, { title: '\u0000', tags: ['a', 'b\u0000'] }],
      periods: 3,
    };
    expect(fieldsWithNul(body)).toEqual(['title', 'lessons[1].title', 'lessons[1].tags[1]']);
    expect(fieldsWithNul('q\u0000', 'q')).toEqual(['q']);
    expect(fieldsWithNul({ title: 'Lý luận chính trị', n: null })).toEqual([]);
  });
});
