import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { PushService } from '../application/push.service';
import {
  PushKeyResponse,
  PushSubscriptionRequest,
  PushSubscriptionResponse,
  PushUnsubscribeRequest,
} from './dto/follow.dto';

/** Web Push: the server's VAPID key, and the caller's browsers' subscriptions. */
@ApiTags('push')
@Controller('push')
export class PushController {
  constructor(private readonly push: PushService) {}

  @Get('key')
  @Public()
  @ApiOperation({ summary: 'Whether pushes are on, and the VAPID public key to subscribe with' })
  @ApiOkResponse({ type: PushKeyResponse })
  key(): PushKeyResponse {
    const publicKey = this.push.publicKey();
    return { enabled: publicKey !== null, publicKey };
  }

  @Post('subscriptions')
  @ApiBearerAuth()
  @ApiOperation({ summary: "Stores this browser's push subscription for the caller (idempotent per endpoint)" })
  @ApiCreatedResponse({ type: PushSubscriptionResponse })
  subscribe(@Caller() user: AuthUser, @Body() body: PushSubscriptionRequest): Promise<PushSubscriptionResponse> {
    return this.push.subscribe(user.id, body);
  }

  @Post('subscriptions/delete')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Deletes the caller's subscription with this endpoint" })
  @ApiNoContentResponse()
  async unsubscribe(@Caller() user: AuthUser, @Body() body: PushUnsubscribeRequest): Promise<void> {
    await this.push.unsubscribe(user.id, body.endpoint);
  }
}
