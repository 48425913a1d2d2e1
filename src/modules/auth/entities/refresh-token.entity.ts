import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A refresh token, stored only as the SHA-256 of its random value. Logging in starts a family;
 * each refresh marks the presented token used and adds its successor to the same family.
 */
@Entity('refresh_tokens')
export class RefreshToken {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('refresh_tokens_user_id_idx')
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne('User', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: object;

  /** Every token descended from one login; revoked together. */
  @Index('refresh_tokens_family_id_idx')
  @Column({ type: 'uuid' })
  familyId: string;

  /** Hex SHA-256 of the token: the token is 256 random bits, so a fast hash suffices. */
  @Index('refresh_tokens_token_hash_key', { unique: true })
  @Column({ type: 'text', select: false })
  tokenHash: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  /** Set when the token was exchanged for its successor; presenting it again is reuse. */
  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  /** Why the family was revoked: `logout`, `reuse`, or what `revokeAllForUser` was told. */
  @Column({ type: 'text', nullable: true })
  revokedReason: string | null;

  /** Indexed so deleting tokens (a user's cascade) finds what points at them quickly. */
  @Index('refresh_tokens_replaced_by_id_idx')
  @Column({ type: 'uuid', nullable: true })
  replacedById: string | null;

  @ManyToOne(() => RefreshToken, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'replaced_by_id' })
  replacedBy: RefreshToken | null;
}
