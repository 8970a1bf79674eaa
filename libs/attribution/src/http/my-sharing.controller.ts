import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Roles } from '@ocop/auth';
import { PageQuery } from '@ocop/http';
import { Page } from '@ocop/kernel';
import { ReferralCodesService } from '../application/referral-codes.service';
import { ShareLinksService } from '../application/share-links.service';
import { ReferralCodeView, ShareLinkView } from '../application/views';
import { ReferralCodeResponse, ShareLinkPageResponse } from './dto/sharing.response';

@ApiTags('attribution')
@Controller('me')
@Roles('streamer')
export class MySharingController {
  constructor(
    private readonly referralCodes: ReferralCodesService,
    private readonly shareLinks: ShareLinksService,
  ) {}

  @Get('referral-code')
  @ApiOperation({
    summary: "The streamer's referral code (made on first request); buyers type it at checkout",
  })
  @ApiOkResponse({ type: ReferralCodeResponse })
  referralCode(@Caller() user: AuthUser): Promise<ReferralCodeView> {
    return this.referralCodes.codeOf(user.id);
  }

  @Get('share-links')
  @ApiOperation({ summary: "The streamer's share links, newest first" })
  @ApiOkResponse({ type: ShareLinkPageResponse })
  myShareLinks(@Caller() user: AuthUser, @Query() query: PageQuery): Promise<Page<ShareLinkView>> {
    return this.shareLinks.listOwn(user.id, query);
  }
}
