import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In } from 'typeorm';
import { Attachment } from './entities/attachment.entity';

/**
 * The attachments table. `storageKey` is not selected by default (it never reaches a view); the
 * `…WithStorageKey` reads add it. No dependencies, so the seed constructs it with `new`.
 */
@Injectable()
export class AttachmentsRepository {
  insert(em: EntityManager, attachment: DeepPartial<Attachment>): Promise<Attachment> {
    return em.save(Attachment, attachment);
  }

  async insertMany(em: EntityManager, attachments: DeepPartial<Attachment>[]): Promise<void> {
    await em.insert(Attachment, attachments);
  }

  findById(em: EntityManager, id: string): Promise<Attachment | null> {
    return em.findOneBy(Attachment, { id });
  }

  findWithStorageKey(em: EntityManager, id: string): Promise<Attachment | null> {
    return em
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.storageKey')
      .where('a.id = :id', { id })
      .getOne();
  }

  /** A course's attachments by path, with their storage keys. */
  ofCourseWithStorageKeys(em: EntityManager, courseId: string): Promise<Attachment[]> {
    return em
      .getRepository(Attachment)
      .createQueryBuilder('a')
      .addSelect('a.storageKey')
      .where('a.courseId = :courseId', { courseId })
      .orderBy('a.path')
      .getMany();
  }

  ofLessons(em: EntityManager, lessonIds: string[]): Promise<Attachment[]> {
    return em.find(Attachment, { where: { lessonId: In(lessonIds) }, order: { path: 'ASC' } });
  }

  pathTaken(em: EntityManager, courseId: string, path: string): Promise<boolean> {
    return em.existsBy(Attachment, { courseId, path });
  }

  async delete(em: EntityManager, id: string): Promise<void> {
    await em.delete(Attachment, { id });
  }
}
