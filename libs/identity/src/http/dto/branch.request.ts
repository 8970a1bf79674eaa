import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { Type } from 'class-transformer';
import { IdParam } from '@ocop/http';
import { BRANCH_CODE_RE, BRANCH_TYPES, BranchType } from '../../domain/branch-rules';

export class BranchAdminParam extends IdParam {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId!: string;
}

export class CreateBranchRequest {
  @ApiProperty({
    example: 'HN-GL-BT',
    description: 'Unique; upper-case letters and digits in dash-separated groups',
  })
  @IsString()
  @Matches(BRANCH_CODE_RE, {
    message: 'code must look like HN-GL-BT (upper-case letters, digits and dashes)',
  })
  code!: string;

  @ApiProperty({ example: 'Đoàn xã Bát Tràng' })
  @IsString()
  @Length(1, 160)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;

  @ApiProperty({ enum: BRANCH_TYPES })
  @IsIn(BRANCH_TYPES)
  type!: BranchType;

  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  parentId!: string;
}

export class RenameBranchRequest {
  @ApiProperty({ example: 'Đoàn phường Hoàn Kiếm' })
  @IsString()
  @Length(1, 160)
  @Matches(/\S/, { message: 'name must not be blank' })
  name!: string;
}

export class MoveBranchRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  parentId!: string;
}

export class MergeBranchRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  intoId!: string;
}

export class AssignAdminRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  userId!: string;
}

export class AncestryQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    example: '2025-06-30T12:00:00Z',
    description: 'Defaults to now',
  })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class SearchBranchesQuery {
  @ApiPropertyOptional({
    description: 'Words of the branch name or code, with or without Vietnamese diacritics',
    example: 'bat trang',
    maxLength: 100,
  })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 50, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(50)
  limit?: number;
}

export class MembersQuery {
  @ApiPropertyOptional({ enum: ['pending', 'active'] })
  @IsOptional()
  @IsIn(['pending', 'active'])
  status?: 'pending' | 'active';
}
