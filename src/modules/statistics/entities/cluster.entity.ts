import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} from 'typeorm';

/** An emulation cluster (cụm thi đua): a named set of units whose figures are compared side by side. */
@Entity('stats_clusters')
export class Cluster {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'uuid', nullable: true })
  createdByUserId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A member unit of a cluster, in the order given. */
@Entity('stats_cluster_members')
export class ClusterMember {
  @PrimaryColumn({ type: 'uuid' })
  clusterId: string;

  @ManyToOne(() => Cluster, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'cluster_id' })
  cluster?: Cluster;

  @PrimaryColumn({ type: 'uuid' })
  orgUnitId: string;

  @ManyToOne('OrgUnit', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: object;

  @Column({ type: 'int' })
  position: number;
}
