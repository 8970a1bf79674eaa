import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { PayosWebhookReceipt, PayosWebhooksService } from '../application/payos-webhooks.service';

@ApiTags('payments')
@Controller('payments/payos')
export class PayosWebhookController {
  constructor(private readonly webhooks: PayosWebhooksService) {}

  /** payOS's webhook endpoint: signature checked with the checksum key, stored once, applied at once. */
  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(@Body() body: unknown): Promise<PayosWebhookReceipt> {
    return this.webhooks.receive(body);
  }
}
