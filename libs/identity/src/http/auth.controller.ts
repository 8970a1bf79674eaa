import { Body, Controller, HttpCode, Ip, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { AuthService } from '../application/auth.service';
import { RefreshTokenRequest, RegisterRequest, SignInRequest } from './dto/auth.request';
import { AuthSessionResponse, TokenPairResponse } from './dto/auth.response';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @Public()
  @ApiCreatedResponse({ type: AuthSessionResponse, description: 'Registered as a shopper and signed in' })
  register(@Body() body: RegisterRequest): Promise<AuthSessionResponse> {
    return this.auth.register(body);
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionResponse })
  signIn(@Body() body: SignInRequest, @Ip() ip: string): Promise<AuthSessionResponse> {
    return this.auth.signIn(body.identifier, body.password, ip);
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: TokenPairResponse })
  refresh(@Body() body: RefreshTokenRequest): Promise<TokenPairResponse> {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The session (refresh token family) is revoked' })
  async signOut(@Body() body: RefreshTokenRequest): Promise<void> {
    await this.auth.signOut(body.refreshToken);
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({ description: 'Every session of the caller is revoked' })
  async signOutEverywhere(@Caller() user: AuthUser): Promise<void> {
    await this.auth.signOutEverywhere(user.id);
  }
}
