import { Webhook as StandardWebhook } from 'standardwebhooks';
import { newWebhookSecret, webhookSecretProblem } from './webhook-secret';

describe('webhook secrets', () => {
  it('makes secrets the standardwebhooks library signs and verifies with', () => {
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretProblem(secret)).toBeNull();
    expect(newWebhookSecret()).not.toBe(secret);
    const signer = new StandardWebhook(secret);
    const at = new Date();
    const headers = {
      'webhook-id': 'msg_1',
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signer.sign('msg_1', at, '{"a":1}'),
    };
    expect(new StandardWebhook(secret).verify('{"a":1}', headers)).toEqual({ a: 1 });
  });

  it.each([
    ['abc', /whsec_/],
    ['whsec_not base64!', /base64/],
    ['whsec_abc', /base64/],
    [`whsec_${Buffer.alloc(16).toString('base64')}`, /24/],
    [`whsec_${Buffer.alloc(65).toString('base64')}`, /64/],
  ])('refuses %s', (secret, message) => {
    expect(webhookSecretProblem(secret)).toMatch(message);
  });
});
