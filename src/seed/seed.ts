import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { todayIn } from '../common/calendar';
import { normalizeName } from '../common/vietnamese';
import { Environment } from '../config/environment';
import { Role } from '../modules/auth/permissions';
import { hashPassword } from '../modules/auth/passwords';
import { childPaths, unitSearchText } from '../modules/org-units/entities/org-unit.entity';
import { PartyStatus, personSearchText } from '../modules/users/entities/user.entity';
import { LocalDiskStorage } from '../storage/local-disk.storage';
import { seedDemoConference } from './demo-conference';
import { ACADEMY_CODE, DEMO_PASSWORD, DEMO_PEOPLE, DEMO_TREE, SeedUnit } from './demo-tree';
import { seedReferenceCurricula } from './seed-curricula';

const logger = new Logger('Seed');

interface PersonSeed {
  username: string;
  fullName: string;
  password: string;
  unitCode: string | null;
  role: Role;
  partyStatus?: PartyStatus;
  partyAdmissionDate?: string;
  dateOfBirth?: string;
}

/** Idempotent: creates what is missing and never overwrites what an admin has changed. */
export async function runSeed(dataSource: DataSource, env: Environment): Promise<void> {
  await dataSource.transaction(async (em) => {
    const today = todayIn(env.DEFAULT_TIMEZONE);
    // The academy owns the reference curricula, so it exists even without the demo tree.
    let created = await seedUnit(em, { ...DEMO_TREE, children: [] }, null, today);
    if (env.SEED_DEMO_DATA === 'true') created += await seedUnit(em, DEMO_TREE, null, today);
    const academy = await unitByCode(em, ACADEMY_CODE);
    created += await seedReferenceCurricula(em, new LocalDiskStorage(env.STORAGE_DIR), academy!.id);
    if (env.SEED_DEMO_DATA === 'true') created += await seedDemoConference(em, env.DEFAULT_TIMEZONE);
    const admin: PersonSeed = {
      username: env.SEED_ADMIN_USERNAME.normalize('NFC'),
      fullName: 'Quản trị hệ thống',
      password: env.SEED_ADMIN_PASSWORD,
      unitCode: ACADEMY_CODE,
      role: 'system_admin',
    };
    const people =
      env.SEED_DEMO_DATA === 'true'
        ? [admin, ...DEMO_PEOPLE.map((p) => ({ ...p, unitCode: p.unit, password: DEMO_PASSWORD }))]
        : [admin];
    for (const person of people) created += await seedPerson(em, person);
    logger.log(created > 0 ? `Seeded ${created} missing units, curricula and people` : 'Seed data already present');
  });
}

async function seedUnit(em: EntityManager, unit: SeedUnit, parent: UnitRow | null, today: string): Promise<number> {
  let created = 0;
  let row = await unitByCode(em, unit.code);
  if (!row) {
    const id = randomUUID();
    const { path, rollupPath } = childPaths(id, parent);
    await em.query(
      `INSERT INTO org_units (id, code, name, search_text, type, parent_id, path, rollup_path)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, unit.code, unit.name, unitSearchText(unit.name, unit.code), unit.type, parent?.id ?? null, path, rollupPath],
    );
    await em.query(
      `INSERT INTO org_unit_changes (org_unit_id, kind, to_parent_id, effective_from) VALUES ($1, 'created', $2, $3)`,
      [id, parent?.id ?? null, today],
    );
    row = { id, path, rollupPath };
    created++;
  }
  for (const child of unit.children ?? []) created += await seedUnit(em, child, row, today);
  return created;
}

interface UnitRow {
  id: string;
  path: string;
  rollupPath: string;
}

async function unitByCode(em: EntityManager, code: string): Promise<UnitRow | undefined> {
  const [row] = await em.query(
    `SELECT id, path, rollup_path AS "rollupPath" FROM org_units WHERE lower(code) = lower($1)`,
    [code],
  );
  return row;
}

async function seedPerson(em: EntityManager, person: PersonSeed): Promise<number> {
  const [existing] = await em.query(`SELECT id FROM users WHERE lower(username) = lower($1)`, [person.username]);
  if (existing) return 0;
  const unit = person.unitCode ? await unitByCode(em, person.unitCode) : undefined;
  const fullName = normalizeName(person.fullName);
  const [user] = await em.query(
    `INSERT INTO users (username, full_name, search_text, password_hash, org_unit_id, party_status,
                        party_admission_date, date_of_birth)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      person.username,
      fullName,
      personSearchText(fullName, person.username),
      await hashPassword(person.password),
      unit?.id ?? null,
      person.partyStatus ?? 'none',
      person.partyAdmissionDate ?? null,
      person.dateOfBirth ?? null,
    ],
  );
  await em.query(`INSERT INTO role_assignments (user_id, role, org_unit_id) VALUES ($1, $2, $3)`, [
    user.id,
    person.role,
    person.role === 'system_admin' ? null : (unit?.id ?? null),
  ]);
  return 1;
}
