import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { QUESTION_FORMATS, QuestionFormat } from '../formats';
import { Question } from '../entities/question.entity';
import { PartialAnswer, QUESTION_TYPES, QuestionOption, QuestionType } from '../question.types';

export class QuestionOptionDto implements QuestionOption {
  @ApiProperty({ example: 'A' })
  @IsString()
  @MaxLength(20)
  key: string;

  @ApiProperty({ example: 'Ngày 3/2/1930' })
  @IsString()
  @MaxLength(2000)
  text: string;

  @ApiPropertyOptional({
    example: 1,
    description: 'Percent of the points (-100..100) when the question gives partial credit',
  })
  @IsOptional()
  @IsNumber()
  weight?: number;
}

export class PartialAnswerDto implements PartialAnswer {
  @ApiProperty({ example: 'Nguyễn Tất Thành' })
  @IsString()
  @MaxLength(2000)
  text: string;

  @ApiProperty({ example: 50, description: 'Percent of the points, above 0 and below 100' })
  @IsNumber()
  weight: number;
}

/** What may be written about a question; the type-specific rules are checked by the service. */
class QuestionKeyFields {
  @ApiPropertyOptional({
    example: 'B',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    description: 'A key (single_choice, true_false: "true"|"false"), a list of keys (multiple_choice)',
  })
  @Allow()
  correct?: string | string[];

  @ApiPropertyOptional({
    example: ['Hồ Chí Minh'],
    type: [String],
    description: 'short_answer: the accepted answers',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  acceptedAnswers?: string[];

  @ApiPropertyOptional({
    type: [PartialAnswerDto],
    description: 'short_answer: answers worth part of the points (Moodle’s `=%50%…`), matched like the accepted ones',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartialAnswerDto)
  partialAnswers?: PartialAnswerDto[];

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @IsNumber()
  points?: number;
}

export class UpdateQuestionRequest extends QuestionKeyFields {
  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional({ example: 'Đảng Cộng sản Việt Nam ra đời năm nào?' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  prompt?: string;

  @ApiPropertyOptional({ type: [QuestionOptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(26)
  @ValidateNested({ each: true })
  @Type(() => QuestionOptionDto)
  options?: QuestionOptionDto[];

  @ApiPropertyOptional({
    example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b',
    type: String,
    format: 'uuid',
    nullable: true,
  })
  @IsOptional()
  @IsUUID()
  lessonId?: string | null;

  @ApiPropertyOptional({ example: ['lich-su-dang'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  tags?: string[];

  @ApiPropertyOptional({
    example: false,
    description: 'multiple_choice: score by option weights instead of all-or-nothing',
  })
  @IsOptional()
  @IsBoolean()
  partialCredit?: boolean;

  @ApiPropertyOptional({ example: true, description: 'short_answer: also accept answers typed without diacritics' })
  @IsOptional()
  @IsBoolean()
  ignoreDiacritics?: boolean;
}

export class CreateQuestionRequest extends UpdateQuestionRequest {
  @ApiProperty({ enum: QUESTION_TYPES })
  @IsIn(QUESTION_TYPES)
  declare type: QuestionType;

  @ApiProperty()
  @IsString()
  @MaxLength(10000)
  declare prompt: string;

  @ApiProperty({ example: 1 })
  @IsNumber()
  declare points: number;
}

export class ListQuestionsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  lessonId?: string;

  @ApiPropertyOptional({ enum: QUESTION_TYPES })
  @IsOptional()
  @IsIn(QUESTION_TYPES)
  type?: QuestionType;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;
}

export class ImportQuestionsQuery {
  @ApiProperty({ enum: QUESTION_FORMATS })
  @IsIn(QUESTION_FORMATS)
  format: QuestionFormat;
}

export class ImportedQuestions {
  @ApiProperty()
  imported: number;

  @ApiProperty({ type: [String], format: 'uuid' })
  questionIds: string[];
}

export class QuestionView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  lessonId: string | null;

  @ApiProperty()
  position: number;

  @ApiProperty({ enum: QUESTION_TYPES })
  type: QuestionType;

  @ApiProperty()
  prompt: string;

  @ApiProperty({ type: [QuestionOptionDto], nullable: true })
  options: QuestionOption[] | null;

  @ApiProperty({ oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }], nullable: true })
  correct: string | string[] | null;

  @ApiProperty({ type: [String], nullable: true })
  acceptedAnswers: string[] | null;

  @ApiProperty({ type: [PartialAnswerDto], nullable: true })
  partialAnswers: PartialAnswer[] | null;

  @ApiProperty()
  points: number;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty()
  partialCredit: boolean;

  @ApiProperty()
  ignoreDiacritics: boolean;

  @ApiProperty()
  updatedAt: Date;

  static from(q: Question): QuestionView {
    const { id, courseId, lessonId, position, type, prompt, options, correct, acceptedAnswers, points, tags } = q;
    return {
      id,
      courseId,
      lessonId,
      position,
      type,
      prompt,
      options,
      correct,
      acceptedAnswers,
      partialAnswers: q.partialAnswers,
      points,
      tags,
      partialCredit: q.partialCredit,
      ignoreDiacritics: q.ignoreDiacritics,
      updatedAt: q.updatedAt,
    };
  }
}
