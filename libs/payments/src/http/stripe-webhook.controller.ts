import { Controller, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { Public } from '@ocop/auth';
import { StripeWebhooksService, WebhookReceipt } from '../application/stripe-webhooks.service';

interface RequestWithRawBody {
  rawBody?: Buffer;
}

@ApiTags('payments')
@Controller('payments/stripe')
export class StripeWebhookController {
  constructor(private readonly webhooks: StripeWebhooksService) {}

  /** Stripe's webhook endpoint: verified on the raw body, stored once, processed by the worker. */
  @Post('webhook')
  @Public()
  @HttpCode(200)
  @ApiExcludeEndpoint()
  receive(
    @Req() req: RequestWithRawBody,
    @Headers('stripe-signature') signature?: string,
  ): Promise<WebhookReceipt> {
    return this.webhooks.receive(req.rawBody, signature);
  }
}
