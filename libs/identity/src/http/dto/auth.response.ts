import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '@ocop/auth';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+84912345678' }) phone!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

/**
 * A fresh access token. The refresh token is never in a body: it is set as the httpOnly `ocop_refresh` cookie
 * (with the readable `ocop_csrf` proof that /api/auth/refresh and /api/auth/sign-out want back in X-CSRF-Token).
 */
export class AccessTokenResponse {
  @ApiProperty({ description: 'Bearer token (JWT) for the Authorization header; keep it in memory only' })
  accessToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

/** What registration and sign-in answer: an access token and who signed in (the session itself is a cookie). */
export class AuthSessionResponse extends AccessTokenResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}
