import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { IncomingHttpHeaders } from 'node:http';
import { Strategy } from 'passport-strategy';
import type { Principal } from '../auth/auth.decorators';
import { ApiKeysService } from './api-keys.service';

type Verify = (key: string, done: (error: unknown, principal?: Principal | false) => void) => void;

/** Passport strategy reading `X-Api-Key`; without the header it passes to the next strategy. */
class HeaderApiKeyStrategy extends Strategy {
  name = 'api-key';

  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: { headers: IncomingHttpHeaders }): void {
    const key = request.headers['x-api-key'];
    if (typeof key !== 'string' || key.length === 0) return this.fail(401);
    this.verify(key, (error, principal) => {
      if (error) return this.error(error as Error);
      return principal ? this.success(principal) : this.fail(401);
    });
  }
}

@Injectable()
export class ApiKeyStrategy extends PassportStrategy(HeaderApiKeyStrategy, 'api-key') {
  constructor(private readonly keys: ApiKeysService) {
    super();
  }

  validate(key: string): Promise<Principal | null> {
    return this.keys.authenticate(key);
  }
}
