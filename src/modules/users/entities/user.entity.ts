import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { foldVietnamese } from '../../../common/vietnamese';
import { RoleAssignment } from './role-assignment.entity';

/** What `?q=` matches for a person: full name and username, folded. */
export const personSearchText = (fullName: string, username: string) => foldVietnamese(`${fullName} ${username}`);

export const PARTY_STATUSES = ['none', 'candidate', 'probationary', 'full'] as const;
export type PartyStatus = (typeof PARTY_STATUSES)[number];

@Entity('users')
@Index('users_username_lower_key', { synchronize: false })
@Index('users_search_text_trgm', { synchronize: false })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case (`users_username_lower_key` on lower(username)). */
  @Column({ type: 'text' })
  username: string;

  /** Vietnamese full name, stored in Unicode NFC. */
  @Column({ type: 'text' })
  fullName: string;

  /** Name and username folded (no diacritics, lower case), trigram-indexed for `?q=`. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  /** Home unit (a party cell for most learners); null only for system accounts. */
  @Index('users_org_unit_id_idx')
  @Column({ type: 'uuid', nullable: true })
  orgUnitId: string | null;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'text', default: 'none' })
  partyStatus: PartyStatus;

  @Column({ type: 'date', nullable: true })
  partyAdmissionDate: string | null;

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
