import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Environment } from '../config/environment';
import { hashPassword } from '../modules/auth/passwords';
import { RoleAssignment } from '../modules/users/entities/role-assignment.entity';
import { User } from '../modules/users/entities/user.entity';

const logger = new Logger('Seed');

/** Idempotent: creates what is missing and never overwrites what an admin has changed. */
export async function runSeed(dataSource: DataSource, env: Environment): Promise<void> {
  await dataSource.transaction(async (em) => {
    const username = env.SEED_ADMIN_USERNAME.normalize('NFC');
    const existing = await em
      .getRepository(User)
      .createQueryBuilder('user')
      .where('lower(user.username) = lower(:username)', { username })
      .setLock('pessimistic_write')
      .getOne();
    if (existing) {
      logger.log(`Demo admin "${username}" already present`);
      return;
    }
    const admin = await em.save(User, {
      username,
      fullName: 'Quản trị hệ thống',
      passwordHash: await hashPassword(env.SEED_ADMIN_PASSWORD),
    });
    await em.save(RoleAssignment, { userId: admin.id, role: 'system_admin', orgUnitId: null });
    logger.log(`Created demo admin "${username}"`);
  });
}
