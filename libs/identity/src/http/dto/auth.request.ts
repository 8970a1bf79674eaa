import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { NormalizeIdentifier, Trim } from '@ocop/http';
import { IsEmail, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { DISPLAY_NAME_MAX_LENGTH, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../../domain/credentials';
import { IsVnMobile } from './validators';

export class RegisterRequest {
  @ApiPropertyOptional({
    example: 'lan.nguyen@example.vn',
    description: 'An email or a phone (or both) is required',
  })
  @IsOptional()
  @NormalizeIdentifier()
  @IsString()
  @MaxLength(254)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ example: '0912 345 678', description: 'Vietnamese mobile; stored as +84...' })
  @IsOptional()
  @NormalizeIdentifier()
  @IsString()
  @MaxLength(32)
  @IsVnMobile()
  phone?: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: 'Nguyễn Thị Lan', minLength: 1, maxLength: DISPLAY_NAME_MAX_LENGTH })
  @Trim()
  @IsString()
  @Length(1, DISPLAY_NAME_MAX_LENGTH)
  @Matches(/\S/, { message: 'displayName must not be blank' })
  displayName!: string;
}

export class SignInRequest {
  @ApiProperty({
    example: '0912345678',
    description: 'Email or Vietnamese mobile number in any common format',
  })
  @IsString()
  @Length(1, 254)
  identifier!: string;

  @ApiProperty()
  @IsString()
  @Length(1, PASSWORD_MAX_LENGTH)
  password!: string;
}
