import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from './user.entity';

/**
 * A one-time code an imported person exchanges for a password. The code is kept readable only
 * until the importing admin downloads the list (once); after that only its hash remains.
 */
@Entity('activation_codes')
export class ActivationCode {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('activation_codes_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index('activation_codes_import_id_idx')
  @Column({ type: 'uuid', nullable: true })
  importId: string | null;

  @ManyToOne('ImportJob', { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'import_id' })
  importJob?: object;

  /** SHA-256 of the code: codes are random and short-lived, so a fast hash is enough. */
  @Column({ type: 'text', select: false })
  codeHash: string;

  @Column({ type: 'text', nullable: true, select: false })
  codePlain: string | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
