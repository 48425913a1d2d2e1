import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Cluster, ClusterMember } from './entities/cluster.entity';

export interface ClusterRow {
  id: string;
  name: string;
  createdAt: Date;
  orgUnitIds: string[];
}

/** Emulation clusters and their members. Methods take the use case's EntityManager. */
@Injectable()
export class ClustersRepository {
  async create(em: EntityManager, name: string, orgUnitIds: string[], createdBy: string | null): Promise<string> {
    const cluster = await em.save(Cluster, em.create(Cluster, { name, createdByUserId: createdBy }));
    await em.insert(
      ClusterMember,
      orgUnitIds.map((orgUnitId, position) => ({ clusterId: cluster.id, orgUnitId, position })),
    );
    return cluster.id;
  }

  async find(em: EntityManager, id: string): Promise<ClusterRow | null> {
    const [row] = await this.rows(em, 'c.id = $1', [id]);
    return row ?? null;
  }

  list(em: EntityManager): Promise<ClusterRow[]> {
    return this.rows(em, 'true', []);
  }

  private rows(em: EntityManager, where: string, params: unknown[]): Promise<ClusterRow[]> {
    return em.query(
      `SELECT c.id, c.name, c.created_at AS "createdAt",
              array(SELECT m.org_unit_id FROM stats_cluster_members m WHERE m.cluster_id = c.id ORDER BY m.position)::text[]
                AS "orgUnitIds"
         FROM stats_clusters c WHERE ${where} ORDER BY c.name, c.id`,
      params,
    );
  }
}
