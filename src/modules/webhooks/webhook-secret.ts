import { randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const MIN_BYTES = 24;
const MAX_BYTES = 64;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A fresh secret in the Standard Webhooks form: `whsec_` and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `${PREFIX}${randomBytes(32).toString('base64')}`;
}

/** Why a secret a client chose is not a Standard Webhooks secret, or null when it is. */
export function webhookSecretProblem(secret: string): string | null {
  if (!secret.startsWith(PREFIX)) return `phải bắt đầu bằng ${PREFIX}`;
  const encoded = secret.slice(PREFIX.length);
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return `sau ${PREFIX} phải là chuỗi base64`;
  const bytes = Buffer.from(encoded, 'base64').length;
  if (bytes < MIN_BYTES || bytes > MAX_BYTES) return `khóa phải dài từ ${MIN_BYTES} đến ${MAX_BYTES} byte`;
  return null;
}
