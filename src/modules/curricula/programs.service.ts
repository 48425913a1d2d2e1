import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import type { Principal } from '../auth/auth.decorators';
import { permissionScope } from '../auth/permissions';
import { OrgUnitsService } from '../org-units/org-units.service';
import { curriculaWriteForbidden, programCodeTaken } from './curricula.errors';
import { CreateProgramRequest, ListProgramsQuery, ProgramView } from './dto/program.dto';
import { Program } from './entities/program.entity';
import { ProgramsRepository } from './programs.repository';

/** The catalogue of programmes: every signed-in person reads it, authors add to it. */
@Injectable()
export class ProgramsService {
  constructor(
    private readonly transactions: Transactions,
    private readonly programRows: ProgramsRepository,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
  ) {}

  async create(principal: Principal, request: CreateProgramRequest): Promise<ProgramView> {
    return this.transactions.run(async (em) => {
      const orgUnitId = await this.ownerUnit(em, principal, request.orgUnitId);
      if (await this.findByCode(em, request.code)) throw programCodeTaken(request.code);
      const program = await this.programRows.insert(em, {
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
    const page = await this.programRows.page(this.transactions.manager, query);
    return { items: page.items.map((p) => ProgramView.from(p)), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<ProgramView> {
    const program = await this.programRows.findById(this.transactions.manager, id);
    if (!program) throw notFound();
    return ProgramView.from(program);
  }

  /** Names of the programmes (missing ids are left out), for report labels. */
  async names(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
    const programs = await this.programRows.findByIds(em, ids);
    return new Map(programs.map((p) => [p.id, p.name]));
  }

  findByCode(em: EntityManager, code: string): Promise<Program | null> {
    return this.programRows.findByCode(em, code);
  }

  /**
   * The unit that will own a new programme or course: the one asked for, in the caller's authoring
   * scope, or else the caller's only authoring unit (the root of the tree for a system admin).
   */
  async ownerUnit(em: EntityManager, principal: Principal, requested: string | undefined): Promise<string> {
    if (requested) {
      await this.access.requireUnit(principal, 'curricula.write', requested, { em });
      await this.orgUnits.assertActive(em, requested);
      return requested;
    }
    const units = permissionScope(principal, 'curricula.write');
    if (units === null) {
      const root = await this.orgUnits.firstRoot(em);
      if (root) return root;
    } else if (units.length === 1) {
      await this.orgUnits.assertActive(em, units[0]);
      return units[0];
    } else if (units.length === 0) {
      throw curriculaWriteForbidden();
    }
    throw validationProblem([{ field: 'orgUnitId', message: 'hãy chọn đơn vị sở hữu (bạn có quyền ở nhiều đơn vị)' }]);
  }
}
