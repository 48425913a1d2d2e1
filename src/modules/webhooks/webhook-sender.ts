import { Injectable } from '@nestjs/common';
import type { LookupAddress, LookupOneOptions } from 'node:dns';
import { request as httpRequest, RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { Webhook as StandardWebhook } from 'standardwebhooks';
import { ResolvedTarget, resolvePublicUrl, UnsafeUrlError } from '../../common/ssrf';
import { Environment } from '../../config/environment';

export interface DeliveryRequest {
  /** The `webhook-id`: the same for every attempt of the delivery. */
  id: string;
  url: string;
  secret: string;
  body: Record<string, unknown>;
}

export interface AttemptOutcome {
  /** The receiver's status; null when none came. */
  statusCode: number | null;
  durationMs: number;
  /** Why it failed, in Vietnamese; null on a 2xx. */
  error: string | null;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Connects to the address the SSRF check approved instead of resolving the name again, so a DNS
 * answer that changes between check and connect (rebinding) cannot redirect the request. Node asks
 * for all addresses when it tries families in turn (`autoSelectFamily`).
 */
const pinnedLookup =
  (target: ResolvedTarget) =>
  (_hostname: string, options: LookupOneOptions & { all?: boolean }, callback: LookupCallback): void => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };

/**
 * Sends one attempt of a delivery as the Standard Webhooks specification says: the body as JSON,
 * `webhook-id`, `webhook-timestamp` (this attempt's time) and `webhook-signature` (`v1,` and the
 * base64 HMAC-SHA256 of `id.timestamp.body`). Redirects are not followed: a 3xx fails like any
 * non-2xx. The URL is checked again here, after DNS, and a refused address sends nothing.
 */
@Injectable()
export class WebhookSender {
  constructor(private readonly env: Environment) {}

  async send(delivery: DeliveryRequest): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    let target: ResolvedTarget;
    try {
      target = await resolvePublicUrl(delivery.url, { allowPrivate: this.env.WEBHOOK_ALLOW_PRIVATE === 'true' });
    } catch (error) {
      const reason = error instanceof UnsafeUrlError ? error.message : String(error);
      return { statusCode: null, durationMs: elapsed(), error: `Địa chỉ bị từ chối, không gửi: ${reason}` };
    }
    const payload = JSON.stringify(delivery.body);
    const now = new Date();
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'lyluan-webhooks/1',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new StandardWebhook(delivery.secret).sign(delivery.id, now, payload),
    };
    try {
      const statusCode = await this.post(target, headers, payload);
      const ok = statusCode >= 200 && statusCode < 300;
      const redirect = statusCode >= 300 && statusCode < 400 ? ' (chuyển hướng không được theo)' : '';
      return { statusCode, durationMs: elapsed(), error: ok ? null : `Máy nhận trả mã ${statusCode}${redirect}` };
    } catch (error) {
      const failure = error as NodeJS.ErrnoException;
      const reason =
        failure.name === 'TimeoutError' || failure.name === 'AbortError'
          ? `hết thời gian chờ ${this.env.WEBHOOK_TIMEOUT_MS} ms`
          : (failure.code ?? failure.message);
      return { statusCode: null, durationMs: elapsed(), error: `Không gửi được: ${reason}` };
    }
  }

  /** Answers the status once the headers arrive; the body is not read (nothing in it is used). */
  private post(target: ResolvedTarget, headers: Record<string, string>, payload: string): Promise<number> {
    const options: RequestOptions = {
      method: 'POST',
      headers: { ...headers, 'content-length': String(Buffer.byteLength(payload)) },
      lookup: pinnedLookup(target) as RequestOptions['lookup'],
      agent: false,
      signal: AbortSignal.timeout(this.env.WEBHOOK_TIMEOUT_MS),
    };
    const send = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(target.url, options, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      });
      req.on('error', reject);
      req.end(payload);
    });
  }
}
