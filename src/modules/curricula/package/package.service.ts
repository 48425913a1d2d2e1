import { Injectable } from '@nestjs/common';
import { readZip, writeZip, ZipRefused } from '../../../common/zip';
import { Environment } from '../../../config/environment';
import { Transactions } from '../../../database/transactions';
import { FileStorage } from '../../../storage/storage';
import { AccessService } from '../../access/access.service';
import { actorOf, AuditService } from '../../audit/audit.service';
import type { Principal } from '../../auth/auth.decorators';
import { QuestionBankService } from '../../question-bank/question-bank.service';
import { AttachmentsService } from '../attachments/attachments.service';
import { CoursesService } from '../courses.service';
import { coursePackageInvalid, coursePackageTooLarge } from '../curricula.errors';
import { CourseView } from '../dto/course.dto';
import { LessonsRepository } from '../lessons.repository';
import { ProgramsRepository } from '../programs.repository';
import { ProgramsService } from '../programs.service';
import { createCourseFromPackage } from './course-from-package';
import { coursePackageFiles, readCoursePackage, slugOf } from './course-package';

export interface CourseExport {
  filename: string;
  content: Buffer;
}

/** Course packages in and out: import creates a whole draft or nothing; export writes the same format. */
@Injectable()
export class PackageService {
  constructor(
    private readonly transactions: Transactions,
    private readonly programRows: ProgramsRepository,
    private readonly lessonRows: LessonsRepository,
    private readonly env: Environment,
    private readonly access: AccessService,
    private readonly programs: ProgramsService,
    private readonly courses: CoursesService,
    private readonly attachments: AttachmentsService,
    private readonly questionBank: QuestionBankService,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
  ) {}

  async import(principal: Principal, zip: Buffer, orgUnitId: string | undefined): Promise<CourseView> {
    const files = await this.unzip(zip);
    const read = await readCoursePackage(files);
    if (!read.ok) throw coursePackageInvalid(read.problems);
    const { pkg } = read;
    return this.transactions.run(async (em) => {
      const program = await this.programs.findByCode(em, pkg.programCode);
      if (!program)
        throw coursePackageInvalid([{ path: 'programCode', message: `không có chương trình mã "${pkg.programCode}"` }]);
      const owner = await this.programs.ownerUnit(em, principal, orgUnitId);
      await this.courses.assertVersionFree(em, program.id, owner, pkg.version);
      const courseId = await createCourseFromPackage(em, this.storage, pkg, {
        programId: program.id,
        orgUnitId: owner,
        createdByUserId: principal.userId,
      });
      await this.audit.record(em, {
        action: 'course.imported',
        ...actorOf(principal),
        targetType: 'course',
        targetId: courseId,
        orgUnitId: owner,
        details: { lessons: pkg.lessons.length, questions: pkg.questions.length, attachments: pkg.attachments.length },
      });
      return this.courses.view(em, courseId);
    });
  }

  /** The package of a course; it carries the answer keys, so it is for authors (see AccessService.courseWithKeys). */
  async export(principal: Principal, courseId: string): Promise<CourseExport> {
    return this.transactions.run(async (em) => {
      const course = await this.access.courseWithKeys(principal, courseId, { em });
      const program = await this.programRows.findByIdOrFail(em, course.programId);
      const lessons = await this.lessonRows.ofCourse(em, courseId);
      const questions = await this.questionBank.ofCourse(em, courseId);
      const files = coursePackageFiles({
        programCode: program.code,
        title: course.title,
        version: course.version,
        description: course.description,
        completionRule: course.completionRule,
        gradingScale: course.gradingScale,
        lessons,
        attachments: await this.attachments.contentsOf(em, courseId),
        questions: questions.map((q) => ({
          type: q.type,
          prompt: q.prompt,
          ...(q.options ? { options: q.options } : {}),
          ...(q.correct !== null ? { correct: q.correct } : {}),
          ...(q.acceptedAnswers ? { acceptedAnswers: q.acceptedAnswers } : {}),
          ...(q.partialAnswers ? { partialAnswers: q.partialAnswers } : {}),
          points: q.points,
          ...(q.tags.length > 0 ? { tags: q.tags } : {}),
          ...(q.partialCredit ? { partialCredit: true } : {}),
          ...(q.ignoreDiacritics ? { ignoreDiacritics: true } : {}),
          ...(q.lessonId ? { lessonId: q.lessonId } : {}),
        })),
      });
      return { filename: `${slugOf(`${program.code} ${course.version}`)}.zip`, content: await writeZip(files) };
    }, 'REPEATABLE READ');
  }

  private async unzip(zip: Buffer): Promise<Map<string, Buffer>> {
    try {
      return await readZip(zip, {
        maxEntries: this.env.PACKAGE_MAX_ENTRIES,
        maxTotalBytes: this.env.PACKAGE_MAX_UNCOMPRESSED_BYTES,
        maxEntryBytes: this.env.ATTACHMENT_MAX_BYTES,
      });
    } catch (error) {
      if (!(error instanceof ZipRefused)) throw error;
      if (error.tooLarge) {
        throw coursePackageTooLarge(error.problems);
      }
      throw coursePackageInvalid(error.problems);
    }
  }
}
