import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource, EntityManager } from 'typeorm';
import { notFound, ProblemException } from '../../../common/problem';
import { FileStorage, sha256Hex, StoredFileMissing } from '../../../storage/storage';
import { AccessService } from '../../access/access.service';
import type { Principal } from '../../auth/auth.decorators';
import { AttachmentView } from '../dto/lesson.dto';
import { Attachment } from '../entities/attachment.entity';
import { Lesson } from '../entities/lesson.entity';
import { attachmentView } from '../lessons.service';
import { slugOf } from '../package/course-package';
import { ATTACHMENT_TYPES, AttachmentType, sniffAttachmentType } from './file-type';

const EXTENSIONS: Record<AttachmentType, string> = {
  pdf: '.pdf',
  docx: '.docx',
  pptx: '.pptx',
  mp4: '.mp4',
  jpg: '.jpg',
  png: '.png',
};

/** Storage keys follow the bytes, so copies of a course (new versions) share one stored file. */
const storageKey = (sha256: string) => `attachments/${sha256.slice(0, 2)}/${sha256}`;

/**
 * `attachments/<name>` for an uploaded file: the name without diacritics or odd characters, with
 * the extension of the sniffed type (a `.pdf` that is a PNG becomes `.png`).
 */
export function attachmentPath(filename: string, type: AttachmentType): string {
  return `attachments/${slugOf(filename.replace(/\.[^.]*$/, '')) || 'tep'}${EXTENSIONS[type]}`;
}

export interface AttachmentFile {
  courseId: string;
  lessonId: string;
  path: string;
  type: AttachmentType;
  content: Buffer;
  createdByUserId: string | null;
}

/**
 * Stores the bytes and the row inside the caller's transaction: uploads, package imports and the
 * seed (which runs without Nest, so this is a plain function).
 */
export async function storeAttachment(
  em: EntityManager,
  storage: FileStorage,
  file: AttachmentFile,
): Promise<Attachment> {
  const sha256 = sha256Hex(file.content);
  const key = storageKey(sha256);
  await storage.put(key, file.content);
  return em.save(Attachment, {
    courseId: file.courseId,
    lessonId: file.lessonId,
    path: file.path,
    type: file.type,
    contentType: ATTACHMENT_TYPES[file.type],
    sizeBytes: file.content.length,
    sha256,
    storageKey: key,
    createdByUserId: file.createdByUserId,
  });
}

export interface AttachmentDownload {
  attachment: Attachment;
  stream: Readable;
}

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly storage: FileStorage,
  ) {}

  /** 415 unless the bytes are one of the accepted types, whatever the name says. */
  async upload(principal: Principal, lessonId: string, filename: string, content: Buffer): Promise<AttachmentView> {
    const type = await sniffAttachmentType(content);
    if (!type) {
      throw new ProblemException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, {
        code: 'attachment_type_unsupported',
        detail: `Nội dung tệp không thuộc kiểu được nhận (${Object.keys(ATTACHMENT_TYPES).join(', ')}); kiểu được xét theo nội dung, không theo tên tệp.`,
      });
    }
    return this.dataSource.transaction(async (em) => {
      const lesson = await em.findOneBy(Lesson, { id: lessonId });
      if (!lesson) throw notFound();
      await this.access.draftCourse(principal, lesson.courseId, { em, lock: true });
      const attachment = await this.store(em, {
        courseId: lesson.courseId,
        lessonId,
        path: await this.freePath(em, lesson.courseId, attachmentPath(filename, type)),
        type,
        content,
        createdByUserId: principal.userId,
      });
      return attachmentView(attachment);
    });
  }

  /** storeAttachment with this service's storage. */
  async store(em: EntityManager, file: AttachmentFile): Promise<Attachment> {
    return storeAttachment(em, this.storage, file);
  }

  /** The bytes, for staff who can read the course and learners of its classes; 404 for anyone else. */
  async download(principal: Principal, id: string): Promise<AttachmentDownload> {
    const attachment = await this.dataSource
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.storageKey')
      .where('a.id = :id', { id })
      .getOne();
    if (!attachment) throw notFound();
    await this.access.readableCourse(principal, attachment.courseId);
    return { attachment, stream: await this.read(attachment.storageKey) };
  }

  /** Stored bytes of a course's attachments, for its export. */
  async contentsOf(em: EntityManager, courseId: string): Promise<{ path: string; content: Buffer }[]> {
    const attachments = await em
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.storageKey')
      .where('a.courseId = :courseId', { courseId })
      .orderBy('a.path')
      .getMany();
    const files: { path: string; content: Buffer }[] = [];
    for (const attachment of attachments) {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.read(attachment.storageKey)) chunks.push(chunk as Buffer);
      files.push({ path: attachment.path, content: Buffer.concat(chunks) });
    }
    return files;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      const attachment = await em.findOneBy(Attachment, { id });
      if (!attachment) throw notFound();
      await this.access.draftCourse(principal, attachment.courseId, { em, lock: true });
      await em.delete(Attachment, { id });
    });
  }

  private async read(key: string): Promise<Readable> {
    try {
      return await this.storage.read(key);
    } catch (error) {
      if (error instanceof StoredFileMissing) {
        throw new ProblemException(HttpStatus.GONE, {
          code: 'attachment_file_missing',
          detail: 'Tệp đính kèm không còn trong kho lưu trữ; hãy báo quản trị hệ thống.',
        });
      }
      throw error;
    }
  }

  /** `x.pdf`, else `x-2.pdf`, … : two uploads of one name in a course keep both files. */
  private async freePath(em: EntityManager, courseId: string, path: string): Promise<string> {
    const dot = path.lastIndexOf('.');
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
      if (!(await em.existsBy(Attachment, { courseId, path: candidate }))) return candidate;
    }
  }
}
