import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions';
import { CertificatesRepository } from './certificates.repository';
import { STATUS_LIST_SIZE } from './credentials/status-list';
import { StatusListSource } from './credentials/status-list-source';

/** The revocation bits of one status list: certificates revoked or superseded (no longer valid). */
@Injectable()
export class CertificateStatusList extends StatusListSource {
  constructor(
    private readonly certificates: CertificatesRepository,
    private readonly transactions: Transactions,
  ) {
    super();
  }

  async setIndices(listId: number): Promise<number[]> {
    const first = (listId - 1) * STATUS_LIST_SIZE;
    const ended = await this.certificates.endedIndices(this.transactions.manager, first, first + STATUS_LIST_SIZE);
    return ended.map((index) => index - first);
  }
}
