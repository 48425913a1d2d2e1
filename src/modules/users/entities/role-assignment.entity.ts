import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { Role } from '../../auth/permissions';
import { User } from './user.entity';

/** A role held at an org unit; it covers the unit's subtree. `system_admin` is held everywhere. */
@Entity('role_assignments')
/** One row per (user, role, unit), NULLS NOT DISTINCT so a global role is held once; written by hand in the migration. */
@Index('role_assignments_user_role_unit_key', { synchronize: false })
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('role_assignments_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, (user) => user.roles, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user: User;

  @Column({ type: 'text' })
  role: Role;

  @Index('role_assignments_org_unit_id_idx')
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
