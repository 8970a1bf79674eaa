import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, CurrentUser, Public, Roles } from '@ocop/auth';
import { ShareLinksService } from '../application/share-links.service';
import { SharedLinkView, ShareLinkView } from '../application/views';
import { CreateShareLinkRequest, ShareCodeParam } from './dto/sharing.request';
import { SharedLinkResponse, ShareLinkResponse } from './dto/sharing.response';

@ApiTags('attribution')
@Controller('share-links')
export class ShareLinksController {
  constructor(private readonly shareLinks: ShareLinksService) {}

  @Post()
  @Roles('streamer')
  @ApiOperation({
    summary: 'Share a session, a product, or a product in a session; purchases within 7 days credit you',
  })
  @ApiCreatedResponse({ type: ShareLinkResponse })
  create(@Caller() user: AuthUser, @Body() body: CreateShareLinkRequest): Promise<ShareLinkView> {
    return this.shareLinks.create(user.id, body);
  }

  @Get(':code')
  @Public()
  @ApiOperation({
    summary: 'Open a share link; a signed-in visit starts its 7-day window (the first visit counts)',
  })
  @ApiOkResponse({ type: SharedLinkResponse })
  open(@Param() params: ShareCodeParam, @CurrentUser() user: AuthUser | undefined): Promise<SharedLinkView> {
    return this.shareLinks.open(params.code, user?.id);
  }
}
