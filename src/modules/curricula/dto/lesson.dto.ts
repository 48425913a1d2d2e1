import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { ATTACHMENT_TYPES, AttachmentType } from '../attachments/file-type';

export const MAX_LESSON_PERIODS = 1000;
export const MAX_LESSON_CONTENT = 200_000;

class LessonFields {
  @ApiPropertyOptional({ type: [String], example: ['Nắm được hoàn cảnh ra đời của Đảng'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1000, { each: true })
  objectives?: string[];

  @ApiPropertyOptional({ example: true, default: true })
  @IsOptional()
  @IsBoolean()
  mandatory?: boolean;
}

export class CreateLessonRequest extends LessonFields {
  @ApiProperty({ example: 'Lịch sử Đảng Cộng sản Việt Nam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiPropertyOptional({ example: 1, minimum: 1, description: '1-based; later lessons move down. Default: at the end' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  @ApiProperty({ minimum: 1, maximum: MAX_LESSON_PERIODS, example: 5 })
  @IsInt()
  @Min(1)
  @Max(MAX_LESSON_PERIODS)
  periods: number;

  @ApiProperty({ description: 'Markdown', example: '# Lịch sử Đảng\n\n…' })
  @IsString()
  @MaxLength(MAX_LESSON_CONTENT)
  content: string;
}

export class UpdateLessonRequest extends LessonFields {
  @ApiPropertyOptional({ example: 'Lịch sử Đảng Cộng sản Việt Nam' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title?: string;

  @ApiPropertyOptional({ example: 2, minimum: 1, description: '1-based; the lessons in between shift by one' })
  @IsOptional()
  @IsInt()
  @Min(1)
  position?: number;

  @ApiPropertyOptional({ example: 5, minimum: 1, maximum: MAX_LESSON_PERIODS })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_LESSON_PERIODS)
  periods?: number;

  @ApiPropertyOptional({ example: '# Lịch sử Đảng\n\n…', description: 'Markdown' })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_LESSON_CONTENT)
  content?: string;
}

export class AttachmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  lessonId: string;

  @ApiProperty({ example: 'attachments/ban-do.png', description: 'What lesson Markdown links to, relatively' })
  path: string;

  @ApiProperty({ enum: Object.keys(ATTACHMENT_TYPES) })
  type: AttachmentType;

  @ApiProperty({ example: 'image/png' })
  contentType: string;

  @ApiProperty()
  sizeBytes: number;

  @ApiProperty({ description: 'SHA-256 of the bytes, hex' })
  sha256: string;

  @ApiProperty({ example: '/api/v1/attachments/4f1c…' })
  url: string;

  @ApiProperty()
  createdAt: Date;
}

export class LessonView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courseId: string;

  @ApiProperty({ description: '1-based, dense' })
  position: number;

  @ApiProperty()
  title: string;

  @ApiProperty()
  periods: number;

  @ApiProperty({ description: 'Markdown' })
  content: string;

  @ApiProperty({ type: [String] })
  objectives: string[];

  @ApiProperty()
  mandatory: boolean;

  @ApiProperty({ type: [AttachmentView] })
  attachments: AttachmentView[];
}
