import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { todayIn } from '../../common/calendar';
import { Page } from '../../common/pagination';
import { notFound } from '../../common/problem';
import { validationProblem } from '../../common/validation';
import { normalizeName } from '../../common/vietnamese';
import { Environment } from '../../config/environment';
import { Transactions } from '../../database/transactions';
import { AccessService } from '../access/access.service';
import { actorOf, AuditService } from '../audit/audit.service';
import type { Principal } from '../auth/auth.decorators';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { holdsEverywhere, isGlobalRole } from '../auth/permissions';
import { RefreshTokenService } from '../auth/refresh-token.service';
import { OrgUnitsService } from '../org-units/org-units.service';
import {
  CreateUserRequest,
  GrantRoleRequest,
  ListUsersQuery,
  UpdateMeRequest,
  UpdateUserRequest,
  UserView,
} from './dto/user.dto';
import { PartyStatus, personSearchText, User } from './entities/user.entity';
import { cannotGrantSystemAdmin, roleAlreadyHeld, usernameTaken } from './users.errors';
import { UsersRepository } from './users.repository';

@Injectable()
export class UsersService {
  constructor(
    private readonly transactions: Transactions,
    private readonly repository: UsersRepository,
    private readonly access: AccessService,
    private readonly orgUnits: OrgUnitsService,
    private readonly env: Environment,
    private readonly audit: AuditService,
    private readonly refreshTokens: RefreshTokenService,
  ) {}

  async create(principal: Principal, request: CreateUserRequest): Promise<UserView> {
    return this.transactions.run(async (em) => {
      await this.access.requireUnit(principal, 'users.write', request.orgUnitId, { em });
      await this.orgUnits.assertActive(em, request.orgUnitId);
      const partyStatus = request.partyStatus ?? 'none';
      this.assertPartyDates(partyStatus, request.partyAdmissionDate ?? null);
      await this.assertUsernameFree(em, request.username);
      const fullName = normalizeName(request.fullName);
      const id = await this.repository.create(em, {
        username: request.username,
        fullName,
        searchText: personSearchText(fullName, request.username),
        email: request.email ?? null,
        phone: request.phone ?? null,
        dateOfBirth: request.dateOfBirth ?? null,
        orgUnitId: request.orgUnitId,
        partyStatus,
        partyAdmissionDate: request.partyAdmissionDate ?? null,
        passwordHash: request.password ? await hashPassword(request.password) : null,
      });
      return this.view(em, id);
    });
  }

  async list(principal: Principal, query: ListUsersQuery): Promise<Page<UserView>> {
    if (query.orgUnitId) await this.access.requireUnit(principal, 'users.read', query.orgUnitId);
    const page = await this.repository.page(this.transactions.manager, query, (qb) =>
      this.access.restrictToScope(qb, principal, 'users.read', 'user.orgUnitId'),
    );
    const roles = await this.repository.rolesOf(
      this.transactions.manager,
      page.items.map((u) => u.id),
    );
    return {
      items: page.items.map((u) => UserView.from({ ...u, roles: roles.get(u.id) ?? [] }, !!u.passwordHash)),
      nextCursor: page.nextCursor,
    };
  }

  async get(principal: Principal, id: string): Promise<UserView> {
    const user = await this.repository.findById(this.transactions.manager, id);
    if (!user) throw notFound();
    await this.access.requireUnit(principal, 'users.read', user.orgUnitId);
    return this.view(this.transactions.manager, id);
  }

  async update(principal: Principal, id: string, request: UpdateUserRequest): Promise<UserView> {
    return this.transactions.run(async (em) => {
      const user = await this.lockInScope(em, principal, id);
      if (request.orgUnitId && request.orgUnitId !== user.orgUnitId) {
        await this.access.requireUnit(principal, 'users.write', request.orgUnitId, { em });
        await this.orgUnits.assertActive(em, request.orgUnitId);
      }
      const partyStatus = request.partyStatus ?? user.partyStatus;
      const partyAdmissionDate =
        request.partyAdmissionDate !== undefined ? request.partyAdmissionDate : user.partyAdmissionDate;
      this.assertPartyDates(partyStatus, partyAdmissionDate);
      const fullName = request.fullName ? normalizeName(request.fullName) : user.fullName;
      await this.repository.update(em, id, {
        fullName,
        searchText: personSearchText(fullName, user.username),
        email: request.email !== undefined ? request.email : user.email,
        phone: request.phone !== undefined ? request.phone : user.phone,
        dateOfBirth: request.dateOfBirth !== undefined ? request.dateOfBirth : user.dateOfBirth,
        orgUnitId: request.orgUnitId ?? user.orgUnitId,
        partyStatus,
        partyAdmissionDate,
      });
      return this.view(em, id);
    });
  }

  /**
   * A role is granted at a unit inside the granter's own scope: a school admin cannot grant above
   * their unit (404, as for anything outside it), and only a system admin grants `system_admin`.
   */
  async grantRole(principal: Principal, userId: string, request: GrantRoleRequest): Promise<UserView> {
    return this.transactions.run(async (em) => {
      await this.lockInScope(em, principal, userId);
      const global = holdsEverywhere(principal, 'roles.grant');
      let orgUnitId: string | null = null;
      if (isGlobalRole(request.role)) {
        if (!global) throw cannotGrantSystemAdmin();
      } else {
        if (!request.orgUnitId)
          throw validationProblem([{ field: 'orgUnitId', message: 'là bắt buộc với vai trò này' }]);
        await this.access.requireUnit(principal, 'roles.grant', request.orgUnitId, { em });
        await this.orgUnits.assertActive(em, request.orgUnitId);
        orgUnitId = request.orgUnitId;
      }
      if (await this.repository.holdsRole(em, userId, request.role, orgUnitId)) throw roleAlreadyHeld();
      const assignmentId = await this.repository.insertRole(em, { userId, role: request.role, orgUnitId });
      await this.audit.record(em, {
        action: 'role.granted',
        ...actorOf(principal),
        targetType: 'role_assignment',
        targetId: assignmentId,
        orgUnitId,
        details: { userId, role: request.role },
      });
      return this.view(em, userId);
    });
  }

  async removeRole(principal: Principal, userId: string, roleId: string): Promise<void> {
    await this.transactions.run(async (em) => {
      await this.lockInScope(em, principal, userId);
      const assignment = await this.repository.findRole(em, roleId, userId);
      if (!assignment) throw notFound();
      if (isGlobalRole(assignment.role) || !assignment.orgUnitId) {
        if (!holdsEverywhere(principal, 'roles.grant')) throw notFound();
      } else {
        await this.access.requireUnit(principal, 'roles.grant', assignment.orgUnitId, { em });
      }
      await this.repository.deleteRole(em, roleId);
      await this.audit.record(em, {
        action: 'role.removed',
        ...actorOf(principal),
        targetType: 'role_assignment',
        targetId: roleId,
        orgUnitId: assignment.orgUnitId,
        details: { userId, role: assignment.role },
      });
    });
  }

  me(userId: string): Promise<UserView> {
    return this.view(this.transactions.manager, userId);
  }

  async updateMe(userId: string, request: UpdateMeRequest): Promise<UserView> {
    let ended: string[] = [];
    const view = await this.transactions.run(async (em) => {
      const user = await this.repository.findWithPasswordForUpdate(em, userId);
      if (!user) throw notFound();
      const changes: Partial<User> = {};
      if (request.fullName) {
        changes.fullName = normalizeName(request.fullName);
        changes.searchText = personSearchText(changes.fullName, user.username);
      }
      if (request.email !== undefined) changes.email = request.email;
      if (request.phone !== undefined) changes.phone = request.phone;
      if (request.password) {
        if (!(await verifyPassword(user.passwordHash, request.password.current))) {
          throw validationProblem([{ field: 'password.current', message: 'mật khẩu hiện tại không đúng' }]);
        }
        changes.passwordHash = await hashPassword(request.password.new);
        // Every session dies with the old password; this one logs in again too.
        ended = await this.refreshTokens.revokeAllForUser(em, userId, 'password_changed');
        await this.audit.record(em, {
          action: 'auth.password.changed',
          actorUserId: userId,
          targetType: 'user',
          targetId: userId,
          details: { sessionsRevoked: ended.length },
        });
      }
      if (Object.keys(changes).length > 0) await this.repository.update(em, userId, changes);
      return this.view(em, userId);
    });
    // Only once committed: a password change that failed ends no session.
    await this.refreshTokens.endSessions(ended);
    return view;
  }

  private assertPartyDates(status: PartyStatus, admission: string | null): void {
    if ((status === 'probationary' || status === 'full') && !admission) {
      throw validationProblem([
        { field: 'partyAdmissionDate', message: 'là bắt buộc với đảng viên dự bị và chính thức' },
      ]);
    }
    if (admission && admission > todayIn(this.env.DEFAULT_TIMEZONE)) {
      throw validationProblem([{ field: 'partyAdmissionDate', message: 'không được ở tương lai' }]);
    }
  }

  private async assertUsernameFree(em: EntityManager, username: string): Promise<void> {
    if (await this.repository.usernameTaken(em, username)) throw usernameTaken(username);
  }

  /** The user, locked, if the caller may change people at their unit; 404 otherwise. */
  private async lockInScope(em: EntityManager, principal: Principal, id: string): Promise<User> {
    const user = await this.repository.findForUpdate(em, id);
    if (!user) throw notFound();
    await this.access.requireUnit(principal, 'users.write', user.orgUnitId, { em });
    return user;
  }

  private async view(em: EntityManager, id: string): Promise<UserView> {
    const user = await this.repository.findWithRoles(em, id);
    if (!user) throw notFound();
    return UserView.from(user, !!user.passwordHash);
  }
}
