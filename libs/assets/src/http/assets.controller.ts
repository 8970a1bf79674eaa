import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import { IdParam } from '@ocop/http';
import { AssetsService } from '../application/assets.service';
import { AssetView } from '../application/views';
import { SignedUrl } from '../storage/asset-urls';
import { AssetResponse, SignedUrlResponse } from './dto/assets.response';

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('assets')
export class AssetsController {
  constructor(private readonly assets: AssetsService) {}

  @Get(':id')
  @ApiOperation({
    summary: 'An uploaded asset and its processing status (its owner; a certificate also its admins)',
  })
  @ApiOkResponse({ type: AssetResponse })
  get(@Caller() user: AuthUser, @Param() params: IdParam): Promise<AssetView> {
    return this.assets.get(user.id, params.id);
  }

  @Get(':id/document-url')
  @ApiOperation({ summary: "A short-lived signed link to a certificate's original document (PDF or scan)" })
  @ApiOkResponse({ type: SignedUrlResponse })
  documentUrl(@Caller() user: AuthUser, @Param() params: IdParam): Promise<SignedUrl> {
    return this.assets.documentUrl(user.id, params.id);
  }
}
