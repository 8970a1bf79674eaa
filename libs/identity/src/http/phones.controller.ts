import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, Caller } from '@ocop/auth';
import {
  ConfirmedPhone,
  PhoneCodeSent,
  PhoneConfirmationService,
} from '../application/phone-confirmation.service';
import {
  ConfirmedPhoneResponse,
  ConfirmPhoneRequest,
  PhoneCodeSentResponse,
  SendPhoneCodeRequest,
} from './dto/phone.dto';

/** The caller's confirmed phone numbers (cash on delivery may require one), confirmed by a one-time SMS code. */
@ApiTags('me')
@ApiBearerAuth()
@Controller('me/phones')
export class PhonesController {
  constructor(private readonly phones: PhoneConfirmationService) {}

  @Get()
  @ApiOkResponse({ type: ConfirmedPhoneResponse, isArray: true })
  list(@Caller() user: AuthUser): Promise<ConfirmedPhone[]> {
    return this.phones.confirmedPhones(user.id);
  }

  @Post('code')
  @ApiOperation({
    summary:
      'Send a one-time code to a phone (429 OTP_RATE_LIMITED with retryAfterSeconds when asked too often)',
  })
  @ApiCreatedResponse({ type: PhoneCodeSentResponse })
  send(@Caller() user: AuthUser, @Body() body: SendPhoneCodeRequest): Promise<PhoneCodeSent> {
    return this.phones.sendCode(user.id, body.phone);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirm a phone with its code (OTP_INVALID with attemptsLeft, OTP_EXPIRED, OTP_TOO_MANY_ATTEMPTS, OTP_NOT_REQUESTED)',
  })
  @ApiOkResponse({ type: ConfirmedPhoneResponse })
  confirm(@Caller() user: AuthUser, @Body() body: ConfirmPhoneRequest): Promise<ConfirmedPhone> {
    return this.phones.confirm(user.id, body.phone, body.code);
  }
}
