import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { ClientConfig, ClientConfigService } from '../application/client-config.service';
import { ClientConfigResponse } from './client-config.response';

@ApiTags('platform')
@Controller('client-config')
export class ClientConfigController {
  constructor(private readonly config: ClientConfigService) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: "What the web app needs before a shopper pays: payment methods, Stripe's public key",
  })
  @ApiOkResponse({ type: ClientConfigResponse })
  get(): ClientConfig {
    return this.config.clientConfig();
  }
}
