import { Injectable } from '@nestjs/common';
import { DeepPartial, EntityManager, In } from 'typeorm';
import { Page, paginate } from '../../common/pagination';
import { ListProgramsQuery } from './dto/program.dto';
import { Program } from './entities/program.entity';

/** The programmes table. Methods take the use case's EntityManager. */
@Injectable()
export class ProgramsRepository {
  insert(em: EntityManager, program: DeepPartial<Program>): Promise<Program> {
    return em.save(Program, program);
  }

  findByIds(em: EntityManager, ids: string[]): Promise<Program[]> {
    return ids.length === 0 ? Promise.resolve([]) : em.findBy(Program, { id: In(ids) });
  }

  findById(em: EntityManager, id: string): Promise<Program | null> {
    return em.findOneBy(Program, { id });
  }

  findByIdOrFail(em: EntityManager, id: string): Promise<Program> {
    return em.findOneByOrFail(Program, { id });
  }

  /** Codes are unique whatever their case. */
  findByCode(em: EntityManager, code: string): Promise<Program | null> {
    return em
      .getRepository(Program)
      .createQueryBuilder('program')
      .where('lower(program.code) = lower(:code)', { code })
      .getOne();
  }

  page(em: EntityManager, query: ListProgramsQuery): Promise<Page<Program>> {
    const qb = em.getRepository(Program).createQueryBuilder('program');
    if (query.kind) qb.andWhere('program.kind = :kind', { kind: query.kind });
    return paginate(qb, query, [
      { column: 'program.code', property: 'code' },
      { column: 'program.id', property: 'id' },
    ]);
  }
}
