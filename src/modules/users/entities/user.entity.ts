import { Column, CreateDateColumn, Entity, Index, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RoleAssignment } from './role-assignment.entity';

@Entity('users')
@Index('users_username_lower_key', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case (`users_username_lower_key` on lower(username)). */
  @Column({ type: 'text' })
  username: string;

  /** Vietnamese full name, stored in Unicode NFC. */
  @Column({ type: 'text' })
  fullName: string;

  /** argon2id; null until the person activates their account. */
  @Column({ type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @OneToMany(() => RoleAssignment, (assignment) => assignment.user)
  roles: RoleAssignment[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
