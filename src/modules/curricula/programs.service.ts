import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { paginate, Page } from '../../common/pagination';
import { conflict, notFound } from '../../common/problem';
import type { Principal } from '../auth/auth.decorators';
import { CourseAccess } from './course-access.service';
import { CreateProgramRequest, ListProgramsQuery, ProgramView } from './dto/program.dto';
import { Program } from './entities/program.entity';

/** The catalogue of programmes: every signed-in person reads it, authors add to it. */
@Injectable()
export class ProgramsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: CourseAccess,
  ) {}

  async create(principal: Principal, request: CreateProgramRequest): Promise<ProgramView> {
    return this.dataSource.transaction(async (em) => {
      const orgUnitId = await this.access.ownerUnit(em, principal, request.orgUnitId);
      if (await this.findByCode(em, request.code)) {
        throw conflict('program_code_taken', `Mã chương trình "${request.code}" đã được dùng.`);
      }
      const program = await em.save(Program, {
        code: request.code,
        name: request.name.trim().normalize('NFC'),
        kind: request.kind,
        description: request.description?.trim().normalize('NFC') || null,
        orgUnitId,
      });
      return ProgramView.from(program);
    });
  }

  async list(query: ListProgramsQuery): Promise<Page<ProgramView>> {
    const qb = this.dataSource.getRepository(Program).createQueryBuilder('program');
    if (query.kind) qb.andWhere('program.kind = :kind', { kind: query.kind });
    const page = await paginate(qb, query, [
      { column: 'program.code', property: 'code' },
      { column: 'program.id', property: 'id' },
    ]);
    return { items: page.items.map((p) => ProgramView.from(p)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ProgramView> {
    const program = await this.dataSource.getRepository(Program).findOneBy({ id });
    if (!program) throw notFound();
    return ProgramView.from(program);
  }

  findByCode(em: EntityManager, code: string): Promise<Program | null> {
    return em
      .getRepository(Program)
      .createQueryBuilder('program')
      .where('lower(program.code) = lower(:code)', { code })
      .getOne();
  }
}
