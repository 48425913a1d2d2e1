import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** What login and refresh answer: a short-lived access token and the refresh token that renews it. */
export class TokenPair {
  @ApiProperty({ description: 'JWT for `Authorization: Bearer`; lives 15 minutes' })
  accessToken: string;

  @ApiProperty({ description: 'Single use: exchange it at /auth/refresh for a new pair; keep it secret' })
  refreshToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires', example: 900 })
  expiresIn: number;
}

export class RefreshRequest {
  @ApiProperty({ example: 'q5mZ0n2Yv8H1sK4wT7cR9bL3xD6fJ0aE1gU5iO8pW2e' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}

export class LogoutRequest {
  @ApiProperty({
    example: 'q5mZ0n2Yv8H1sK4wT7cR9bL3xD6fJ0aE1gU5iO8pW2e',
    description: 'A refresh token of the session to end; its whole family is revoked',
  })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  refreshToken: string;
}
