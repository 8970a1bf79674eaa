import { Body, Controller, HttpCode, Ip, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, Caller, Public } from '@ocop/auth';
import { AuthService, TokenPair } from '../application/auth.service';
import { RegisterRequest, SignInRequest } from './dto/auth.request';
import { AccessTokenResponse, AuthSessionResponse } from './dto/auth.response';
import { CSRF_HEADER, SessionCookies } from './session-cookies';

const CSRF_PROOF = {
  name: CSRF_HEADER,
  required: true,
  description: 'The value of the ocop_csrf cookie (the proof that the request comes from the app itself)',
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly cookies: SessionCookies,
  ) {}

  @Post('register')
  @Public()
  @ApiCreatedResponse({
    type: AuthSessionResponse,
    description: 'Registered as a shopper and signed in (cookies set)',
  })
  async register(
    @Body() body: RegisterRequest,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthSessionResponse> {
    this.cookies.assertSameOrigin(req);
    const { user, ...pair } = await this.auth.register(body, ip);
    return { user, ...this.withCookie(res, pair) };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(200)
  @ApiOkResponse({ type: AuthSessionResponse, description: 'Signed in (cookies set)' })
  async signIn(
    @Body() body: SignInRequest,
    @Ip() ip: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AuthSessionResponse> {
    this.cookies.assertSameOrigin(req);
    const { user, ...pair } = await this.auth.signIn(body.identifier, body.password, ip);
    return { user, ...this.withCookie(res, pair) };
  }

  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiHeader(CSRF_PROOF)
  @ApiOkResponse({
    type: AccessTokenResponse,
    description: 'A new access token; the session cookie is rotated',
  })
  async refresh(
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AccessTokenResponse> {
    const token = this.cookies.spend(req);
    try {
      return this.withCookie(res, await this.auth.refresh(token));
    } catch (error) {
      // A refused session (revoked, reused, expired) is over: the browser forgets its cookies.
      this.cookies.clear(res);
      throw error;
    }
  }

  @Post('sign-out')
  @Public()
  @HttpCode(204)
  @ApiHeader(CSRF_PROOF)
  @ApiNoContentResponse({
    description: 'The session (refresh token family) is revoked and its cookies cleared',
  })
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const token = this.cookies.spend(req);
    await this.auth.signOut(token);
    this.cookies.clear(res);
  }

  @Post('sign-out-everywhere')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiNoContentResponse({
    description:
      'Every session of the caller is revoked: refresh tokens at once, access tokens and sockets within seconds',
  })
  async signOutEverywhere(
    @Caller() user: AuthUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    await this.auth.signOutEverywhere(user.id);
    this.cookies.clear(res);
  }

  /** Moves the refresh token into its cookie; the body keeps the access token only. */
  private withCookie(res: Response, pair: TokenPair): AccessTokenResponse {
    this.cookies.issue(res, pair.refreshToken);
    return { accessToken: pair.accessToken, expiresIn: pair.expiresIn };
  }
}
