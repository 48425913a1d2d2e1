import { Injectable } from '@nestjs/common';
import { EntityManager, IsNull, SelectQueryBuilder } from 'typeorm';
import { paginate, Page, PageQuery } from '../../common/pagination';
import { ApiKey } from './entities/api-key.entity';

/** The api_keys table. */
@Injectable()
export class ApiKeysRepository {
  async create(
    em: EntityManager,
    key: Pick<ApiKey, 'name' | 'prefix' | 'keyHash' | 'scopes' | 'orgUnitId' | 'createdByUserId'>,
  ): Promise<string> {
    const { id } = await em.save(ApiKey, key);
    return id;
  }

  findById(em: EntityManager, id: string): Promise<ApiKey> {
    return em.findOneByOrFail(ApiKey, { id });
  }

  findForUpdate(em: EntityManager, id: string): Promise<ApiKey | null> {
    return em.findOne(ApiKey, { where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async revoke(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.update(ApiKey, id, { revokedAt: at });
  }

  /** Newest last; `scope` narrows the query to what the caller may see. */
  page(em: EntityManager, query: PageQuery, scope: (qb: SelectQueryBuilder<ApiKey>) => void): Promise<Page<ApiKey>> {
    const qb = em.getRepository(ApiKey).createQueryBuilder('key');
    scope(qb);
    return paginate(qb, query, [
      { column: 'key.createdAt', property: 'createdAt' },
      { column: 'key.id', property: 'id' },
    ]);
  }

  /** The key with its hash, which plain reads leave out. */
  findByPrefixWithHash(em: EntityManager, prefix: string): Promise<ApiKey | null> {
    return em
      .getRepository(ApiKey)
      .createQueryBuilder('key')
      .addSelect('key.keyHash')
      .where('key.prefix = :prefix', { prefix })
      .getOne();
  }

  /** Not on a revoked key: a revocation in between wins. */
  async touchLastUsed(em: EntityManager, id: string, at: Date): Promise<void> {
    await em.getRepository(ApiKey).update({ id, revokedAt: IsNull() }, { lastUsedAt: at });
  }
}
