import { Injectable } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { paginate, Page } from '../../common/pagination';
import { containsPattern } from '../../common/vietnamese';
import { unitUnder } from '../access/subtree';
import type { Role } from '../auth/permissions';
import type { ListUsersQuery } from './dto/user.dto';
import { RoleAssignment } from './entities/role-assignment.entity';
import { PartyStatus, User } from './entities/user.entity';

/** A person to insert with `insertPeople`, fields already normalized. */
export interface PersonRecord {
  id: string;
  username: string;
  fullName: string;
  searchText: string;
  email: string | null;
  phone: string | null;
  dateOfBirth: string | null;
  orgUnitId: string;
  partyStatus: PartyStatus;
  partyAdmissionDate: string | null;
}

/** A user already there, matched by username for an import. */
export interface UsernameMatch {
  id: string;
  username: string;
  org_unit_id: string | null;
  from_this_import: boolean;
}

/** The users and role_assignments tables. */
@Injectable()
export class UsersRepository {
  async create(em: EntityManager, user: Partial<User>): Promise<string> {
    const { id } = await em.save(User, user);
    return id;
  }

  /**
   * A page of people by name, with whether each has a password; `scope` narrows the query to what
   * the caller may see, `query.orgUnitId` to a subtree.
   */
  page(em: EntityManager, query: ListUsersQuery, scope: (qb: SelectQueryBuilder<User>) => void): Promise<Page<User>> {
    const qb = em.getRepository(User).createQueryBuilder('user').addSelect('user.passwordHash');
    scope(qb);
    if (query.orgUnitId) {
      qb.andWhere(unitUnder('user.orgUnitId', ':orgUnitId'), { orgUnitId: query.orgUnitId });
    }
    if (query.q) qb.andWhere('user.searchText LIKE :q', { q: containsPattern(query.q) });
    if (query.role) {
      qb.andWhere('EXISTS (SELECT 1 FROM role_assignments held WHERE held.user_id = user.id AND held.role = :role)', {
        role: query.role,
      });
    }
    return paginate(qb, query, [
      { column: 'user.fullName', property: 'fullName' },
      { column: 'user.id', property: 'id' },
    ]);
  }

  findById(em: EntityManager, id: string): Promise<User | null> {
    return em.getRepository(User).findOneBy({ id });
  }

  findForUpdate(em: EntityManager, id: string): Promise<User | null> {
    return em.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Locked, with the password hash that plain reads leave out. */
  findWithPasswordForUpdate(em: EntityManager, id: string): Promise<User | null> {
    return em
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('user.id = :userId', { userId: id })
      .setLock('pessimistic_write')
      .getOne();
  }

  /** The user of a login name (any case), with the password hash. */
  findByUsernameWithPassword(em: EntityManager, username: string): Promise<User | null> {
    return em
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:username)', { username })
      .getOne();
  }

  /** With the password hash and the roles, oldest grant first. */
  findWithRoles(em: EntityManager, id: string): Promise<User | null> {
    return em
      .getRepository(User)
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .leftJoinAndSelect('user.roles', 'roles')
      .where('user.id = :id', { id })
      .orderBy('roles.createdAt', 'ASC')
      .getOne();
  }

  usernameTaken(em: EntityManager, username: string): Promise<boolean> {
    return em
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .getExists();
  }

  async update(em: EntityManager, id: string, changes: Partial<User>): Promise<void> {
    await em.update(User, id, changes);
  }

  async setPasswordHash(em: EntityManager, id: string, passwordHash: string): Promise<void> {
    await em.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [id, passwordHash]);
  }

  /** Users of these lowercase usernames, and whether this import made them (it issued their code). */
  usernameMatches(em: EntityManager, usernames: string[], importId: string): Promise<UsernameMatch[]> {
    return em.query(
      `SELECT u.id, lower(u.username) AS username, u.org_unit_id,
              EXISTS (SELECT 1 FROM activation_codes a WHERE a.user_id = u.id AND a.import_id = $2) AS from_this_import
         FROM users u WHERE lower(u.username) = ANY($1)`,
      [usernames, importId],
    );
  }

  /** One multi-row INSERT for a whole batch. */
  async insertPeople(em: EntityManager, people: PersonRecord[]): Promise<void> {
    await em.query(
      `INSERT INTO users (id, username, full_name, search_text, email, phone, date_of_birth, org_unit_id,
                          party_status, party_admission_date)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::date[],
                            $8::uuid[], $9::text[], $10::date[])`,
      [
        people.map((p) => p.id),
        people.map((p) => p.username),
        people.map((p) => p.fullName),
        people.map((p) => p.searchText),
        people.map((p) => p.email),
        people.map((p) => p.phone),
        people.map((p) => p.dateOfBirth),
        people.map((p) => p.orgUnitId),
        people.map((p) => p.partyStatus),
        people.map((p) => p.partyAdmissionDate),
      ],
    );
  }

  /** One multi-row INSERT for a whole batch. */
  async insertRoles(
    em: EntityManager,
    assignments: { userId: string; role: Role; orgUnitId: string | null }[],
  ): Promise<void> {
    await em.query(
      `INSERT INTO role_assignments (user_id, role, org_unit_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[])`,
      [assignments.map((a) => a.userId), assignments.map((a) => a.role), assignments.map((a) => a.orgUnitId)],
    );
  }

  async insertRole(
    em: EntityManager,
    assignment: { userId: string; role: Role; orgUnitId: string | null },
  ): Promise<string> {
    const { identifiers } = await em.insert(RoleAssignment, assignment);
    return String(identifiers[0].id);
  }

  async holdsRole(em: EntityManager, userId: string, role: Role, orgUnitId: string | null): Promise<boolean> {
    const held: unknown[] = await em.query(
      `SELECT 1 FROM role_assignments WHERE user_id = $1 AND role = $2 AND org_unit_id IS NOT DISTINCT FROM $3`,
      [userId, role, orgUnitId],
    );
    return held.length > 0;
  }

  findRole(em: EntityManager, id: string, userId: string): Promise<RoleAssignment | null> {
    return em.findOneBy(RoleAssignment, { id, userId });
  }

  async deleteRole(em: EntityManager, id: string): Promise<void> {
    await em.delete(RoleAssignment, { id });
  }

  /** The roles a user holds, as a principal carries them. */
  /**
   * The login name and the roles held now, in one read: every authenticated request asks, so the
   * two are not fetched apart. Null when the account is gone.
   */
  async principalOf(
    em: EntityManager,
    userId: string,
  ): Promise<{ id: string; username: string; roles: { role: Role; orgUnitId: string | null }[] } | null> {
    const [row]: { id: string; username: string; roles: { role: Role; orgUnitId: string | null }[] }[] = await em.query(
      `SELECT u.id, u.username,
                coalesce(json_agg(json_build_object('role', r.role, 'orgUnitId', r.org_unit_id) ORDER BY r.created_at)
                           FILTER (WHERE r.id IS NOT NULL), '[]') AS roles
           FROM users u LEFT JOIN role_assignments r ON r.user_id = u.id
          WHERE u.id = $1 GROUP BY u.id`,
      [userId],
    );
    return row ?? null;
  }

  async rolesHeldBy(em: EntityManager, userId: string): Promise<{ role: Role; orgUnitId: string | null }[]> {
    const roles = await em.getRepository(RoleAssignment).findBy({ userId });
    return roles.map((r) => ({ role: r.role, orgUnitId: r.orgUnitId }));
  }

  /** The roles of each user, oldest grant first. */
  async rolesOf(em: EntityManager, userIds: string[]): Promise<Map<string, RoleAssignment[]>> {
    const out = new Map<string, RoleAssignment[]>();
    if (userIds.length === 0) return out;
    const rows = await em
      .getRepository(RoleAssignment)
      .createQueryBuilder('held')
      .where('held.userId IN (:...userIds)', { userIds })
      .orderBy('held.createdAt', 'ASC')
      .getMany();
    for (const row of rows) out.set(row.userId, [...(out.get(row.userId) ?? []), row]);
    return out;
  }

  /**
   * The org units of these lowercase codes, one query for a whole import file; reads org_units
   * itself since org-units offers no lookup by a set of codes.
   */
  unitsByCodes(em: EntityManager, codes: string[]): Promise<{ id: string; code: string; active: boolean }[]> {
    return em.query(`SELECT id, code, active FROM org_units WHERE lower(code) = ANY($1)`, [codes]);
  }
}
