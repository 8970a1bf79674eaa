import { Inject, Injectable } from '@nestjs/common';
import { Clock, CLOCK } from '@ocop/kernel';
import { SharingRepository } from '../infrastructure/sharing.repository';
import { SharingError } from './sharing.errors';
import { newReferralCode } from './sharing-rules';
import { ReferralCodeView } from './views';

const MAX_DRAWS = 8;

/** Each streamer's one referral code, made on first request and kept for good. */
@Injectable()
export class ReferralCodesService {
  constructor(
    private readonly repo: SharingRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * The streamer's code, created on the first call. A drawn code that someone else holds is drawn again; two
   * first calls at once end with the same code (the second finds the first's).
   */
  async codeOf(userId: string): Promise<ReferralCodeView> {
    for (let draw = 0; draw < MAX_DRAWS; draw++) {
      const existing = await this.repo.referralCodeOf(userId);
      if (existing) return { code: existing };
      const code = newReferralCode();
      if (await this.repo.insertReferralCode(userId, code, this.clock.now())) return { code };
    }
    throw new SharingError('SHARING_CODE_UNAVAILABLE', 'No free referral code could be drawn; try again');
  }
}
