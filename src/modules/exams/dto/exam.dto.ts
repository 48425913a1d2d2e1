import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../common/pagination';
import { ATTEMPT_STATUSES, AttemptStatus } from '../entities/exam-attempt.entity';
import { EXAM_KINDS, ExamKind } from '../entities/exam.entity';
import type { AnswerValue, GradingPolicy } from '../grading';
import { CLASSIFICATIONS, Classification } from '../../enrollments/completion';
import { QUESTION_TYPES, QuestionType } from '../../question-bank/question.types';

export class DrawRuleRequest {
  @ApiPropertyOptional({ example: 'lich-su-dang' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  tag?: string;

  @ApiPropertyOptional({ example: '4e5f6a7b-8c9d-4e0f-9a1b-2c3d4e5f6a7b', format: 'uuid' })
  @IsOptional()
  @IsUUID()
  lessonId?: string;

  @ApiProperty({ example: 5, minimum: 1, maximum: 200 })
  @IsInt()
  @Min(1)
  @Max(200)
  count: number;
}

export class CreateExamRequest {
  @ApiProperty({ example: 'Kiểm tra cuối khóa' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ enum: EXAM_KINDS, description: 'A `final` exam decides the enrolment’s final score' })
  @IsIn(EXAM_KINDS)
  kind: ExamKind;

  @ApiProperty({ example: '2026-12-01T07:30:00+07:00' })
  @IsISO8601({ strict: true })
  opensAt: string;

  @ApiProperty({ example: '2026-12-05T17:30:00+07:00' })
  @IsISO8601({ strict: true })
  closesAt: string;

  @ApiProperty({ minimum: 1, maximum: 600, example: 60 })
  @IsInt()
  @Min(1)
  @Max(600)
  timeLimitMinutes: number;

  @ApiProperty({ minimum: 1, maximum: 20, example: 1 })
  @IsInt()
  @Min(1)
  @Max(20)
  maxAttempts: number;

  @ApiProperty({
    minimum: 0,
    maximum: 10,
    example: 5,
    description: 'Lowest `score10` with which an attempt has `passed` this exam',
  })
  @IsNumber()
  @Min(0)
  @Max(10)
  passMark: number;

  @ApiPropertyOptional({
    example: ['6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c'],
    type: [String],
    format: 'uuid',
    description: 'Fixed questions; or give `draw`',
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  questionIds?: string[];

  @ApiPropertyOptional({ type: [DrawRuleRequest], description: 'Each attempt draws its own questions' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => DrawRuleRequest)
  draw?: DrawRuleRequest[];

  @ApiProperty({ example: true, description: 'Shuffle questions and options per attempt' })
  @IsBoolean()
  shuffle: boolean;

  @ApiProperty({ enum: ['highest', 'last'] })
  @IsIn(['highest', 'last'])
  gradingPolicy: GradingPolicy;
}

export class ExamView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) classId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: EXAM_KINDS }) kind: ExamKind;
  @ApiProperty() opensAt: Date;
  @ApiProperty() closesAt: Date;
  @ApiProperty() timeLimitMinutes: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty() passMark: number;
  @ApiProperty({ type: [String], format: 'uuid', nullable: true }) questionIds: string[] | null;
  @ApiProperty({ type: [DrawRuleRequest], nullable: true }) draw: DrawRuleRequest[] | null;
  @ApiProperty() shuffle: boolean;
  @ApiProperty({ enum: ['highest', 'last'] }) gradingPolicy: GradingPolicy;
  @ApiProperty() createdAt: Date;
}

export class AnswerRequest {
  @ApiProperty({ example: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c', format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty({
    example: 'B',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    nullable: true,
    description: 'A key, a list of keys, or text, by the question’s type',
  })
  @Allow()
  value: AnswerValue;
}

export class SaveAnswersRequest {
  @ApiProperty({ type: [AnswerRequest] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => AnswerRequest)
  answers: AnswerRequest[];
}

export class GradeRequest {
  @ApiProperty({ example: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c', format: 'uuid' })
  @IsUUID()
  questionId: string;

  @ApiProperty({ example: 2.5, minimum: 0 })
  @IsNumber()
  @Min(0)
  points: number;

  @ApiPropertyOptional({ example: 'Trình bày đủ ý, lập luận chặt chẽ.' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  comment?: string;
}

export class ListAttemptsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ATTEMPT_STATUSES })
  @IsOptional()
  @IsIn(ATTEMPT_STATUSES)
  status?: AttemptStatus;
}

export class AttemptQuestionView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: QUESTION_TYPES }) type: QuestionType;
  @ApiProperty() prompt: string;
  @ApiProperty({ description: '[{key, text}] in this attempt’s order; never a key or a weight', nullable: true })
  options: { key: string; text: string }[] | null;
  @ApiProperty() points: number;
}

export class AttemptAnswerView {
  @ApiProperty({ format: 'uuid' }) questionId: string;
  @ApiProperty({ nullable: true, oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] })
  value: AnswerValue;
  @ApiProperty({ type: Number, nullable: true }) points: number | null;
  @ApiProperty({ type: String, nullable: true }) comment: string | null;
}

export class AttemptView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) examId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() number: number;
  @ApiProperty({ enum: ATTEMPT_STATUSES }) status: AttemptStatus;
  @ApiProperty() startedAt: Date;
  @ApiProperty() deadline: Date;
  @ApiProperty({ type: Date, nullable: true }) submittedAt: Date | null;
  @ApiProperty({ type: Number, nullable: true }) score: number | null;
  @ApiProperty() maxScore: number;
  @ApiProperty({ type: Number, nullable: true }) score10: number | null;
  @ApiProperty({ enum: CLASSIFICATIONS, nullable: true }) classification: Classification | null;
  @ApiProperty({
    type: Boolean,
    nullable: true,
    description: 'Whether `score10` reaches the exam’s `passMark`; null until the attempt is graded',
  })
  passed: boolean | null;
  @ApiProperty({ type: [AttemptQuestionView] }) questions: AttemptQuestionView[];
  @ApiProperty({ type: [AttemptAnswerView] }) answers: AttemptAnswerView[];
}
