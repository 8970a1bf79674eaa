import { ApiProperty } from '@nestjs/swagger';
import { ROLES, Role } from '@ocop/auth';

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '+84912345678' }) phone!: string | null;
  @ApiProperty({ enum: ROLES, isArray: true }) roles!: Role[];
}

export class TokenPairResponse {
  @ApiProperty({ description: 'Bearer token (JWT) for the Authorization header' }) accessToken!: string;
  @ApiProperty({ description: 'Opaque, single-use; exchange it at /api/auth/refresh' }) refreshToken!: string;
  @ApiProperty({ description: 'Seconds until the access token expires' }) expiresIn!: number;
}

/** What registration and sign-in answer: the tokens and who signed in. */
export class AuthSessionResponse extends TokenPairResponse {
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}
