import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';
import { IsVnMobile } from './validators';

export class SendPhoneCodeRequest {
  @ApiProperty({ example: '0912 345 678', description: 'The Vietnamese mobile number to confirm' })
  @IsString()
  @MaxLength(32)
  @IsVnMobile()
  phone!: string;
}

export class ConfirmPhoneRequest {
  @ApiProperty({ example: '0912 345 678' })
  @IsString()
  @MaxLength(32)
  @IsVnMobile()
  phone!: string;

  @ApiProperty({ example: '123456', description: 'The six digits received by SMS' })
  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be six digits' })
  code!: string;
}

export class PhoneCodeSentResponse {
  @ApiProperty({ example: '+84912345678' }) phone!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: 'Seconds before another code may be asked' }) resendAfterSeconds!: number;
}

export class ConfirmedPhoneResponse {
  @ApiProperty({ example: '+84912345678' }) phone!: string;
  @ApiProperty({ format: 'date-time' }) confirmedAt!: string;
}
