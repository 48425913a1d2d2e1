import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { EntityManager } from 'typeorm';
import { notFound } from '../../../common/problem';
import { Transactions } from '../../../database/transactions';
import { FileStorage, sha256Hex, StoredFileMissing } from '../../../storage/storage';
import { AccessService } from '../../access/access.service';
import type { Principal } from '../../auth/auth.decorators';
import { AttachmentsRepository } from '../attachments.repository';
import { attachmentFileMissing, attachmentTypeUnsupported } from '../curricula.errors';
import { AttachmentView } from '../dto/lesson.dto';
import { Attachment } from '../entities/attachment.entity';
import { LessonsRepository } from '../lessons.repository';
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
  attachments: AttachmentsRepository,
  file: AttachmentFile,
): Promise<Attachment> {
  const sha256 = sha256Hex(file.content);
  const key = storageKey(sha256);
  await storage.put(key, file.content);
  return attachments.insert(em, {
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
    private readonly transactions: Transactions,
    private readonly attachmentRows: AttachmentsRepository,
    private readonly lessonRows: LessonsRepository,
    private readonly access: AccessService,
    private readonly storage: FileStorage,
  ) {}

  /** 415 unless the bytes are one of the accepted types, whatever the name says. */
  async upload(principal: Principal, lessonId: string, filename: string, content: Buffer): Promise<AttachmentView> {
    const type = await sniffAttachmentType(content);
    if (!type) throw attachmentTypeUnsupported(Object.keys(ATTACHMENT_TYPES));
    return this.transactions.run(async (em) => {
      const lesson = await this.lessonRows.findById(em, lessonId);
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
    return storeAttachment(em, this.storage, this.attachmentRows, file);
  }

  /** The bytes, for staff who can read the course and learners of its classes; 404 for anyone else. */
  async download(principal: Principal, id: string): Promise<AttachmentDownload> {
    const attachment = await this.attachmentRows.findWithStorageKey(this.transactions.manager, id);
    if (!attachment) throw notFound();
    await this.access.readableCourse(principal, attachment.courseId);
    return { attachment, stream: await this.read(attachment.storageKey) };
  }

  /** Stored bytes of a course's attachments, for its export. */
  async contentsOf(em: EntityManager, courseId: string): Promise<{ path: string; content: Buffer }[]> {
    const attachments = await this.attachmentRows.ofCourseWithStorageKeys(em, courseId);
    const files: { path: string; content: Buffer }[] = [];
    for (const attachment of attachments) {
      const chunks: Buffer[] = [];
      for await (const chunk of await this.read(attachment.storageKey)) chunks.push(chunk as Buffer);
      files.push({ path: attachment.path, content: Buffer.concat(chunks) });
    }
    return files;
  }

  async remove(principal: Principal, id: string): Promise<void> {
    await this.transactions.run(async (em) => {
      const attachment = await this.attachmentRows.findById(em, id);
      if (!attachment) throw notFound();
      await this.access.draftCourse(principal, attachment.courseId, { em, lock: true });
      await this.attachmentRows.delete(em, id);
    });
  }

  private async read(key: string): Promise<Readable> {
    try {
      return await this.storage.read(key);
    } catch (error) {
      if (error instanceof StoredFileMissing) {
        throw attachmentFileMissing();
      }
      throw error;
    }
  }

  /** `x.pdf`, else `x-2.pdf`, … : two uploads of one name in a course keep both files. */
  private async freePath(em: EntityManager, courseId: string, path: string): Promise<string> {
    const dot = path.lastIndexOf('.');
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? path : `${path.slice(0, dot)}-${n}${path.slice(dot)}`;
      if (!(await this.attachmentRows.pathTaken(em, courseId, candidate))) return candidate;
    }
  }
}
