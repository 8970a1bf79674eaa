import { Injectable } from '@nestjs/common';
import { CatalogueFacade } from '@ocop/catalogue';
import { AdminScopeService } from '@ocop/identity';
import { isUuid } from '@ocop/kernel';
import { SettlementError } from '../domain';

export function producerNotFound(producerId: string): SettlementError {
  return new SettlementError('PRODUCER_NOT_FOUND', 'No such producer', { producerId });
}

/** Whose ledger a caller may see: a farmer their own producer's, an admin the producers of their subtree. */
@Injectable()
export class ProducerAccess {
  constructor(
    private readonly catalogue: CatalogueFacade,
    private readonly scope: AdminScopeService,
  ) {}

  async ownProducerId(userId: string): Promise<string> {
    const producer = await this.catalogue.findProducerOfUser(userId);
    if (!producer) throw producerNotFound('');
    return producer.id;
  }

  /** An admin whose subtree holds the producer; any other producer is unknown to them. */
  async assertAdminSees(adminUserId: string, producerId: string): Promise<void> {
    const producer = isUuid(producerId) ? await this.catalogue.findProducer(producerId) : null;
    if (!producer || !(await this.scope.isInScope(adminUserId, producer.branchId))) {
      throw producerNotFound(producerId);
    }
  }

  async adminRootBranchId(adminUserId: string): Promise<string | null> {
    return (await this.scope.adminBranchOf(adminUserId))?.id ?? null;
  }
}
