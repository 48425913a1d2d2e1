import { lookup as dnsLookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/**
 * Outgoing requests to addresses a user chose (webhooks) must not reach the server's own network:
 * loopback, private and unique-local ranges, link-local (where cloud metadata lives), CGNAT,
 * unspecified, multicast and reserved addresses. IPv4-mapped IPv6 (`::ffff:127.0.0.1`) is checked
 * as the IPv4 address it carries; `new URL` already turns decimal and hex IPv4 forms into dotted ones.
 */
const BLOCKED = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], // "this network", including the unspecified 0.0.0.0
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT; also Alibaba's metadata 100.100.100.200
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local; AWS, GCP and Azure metadata at 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and the broadcast address
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible form
  ['64:ff9b::', 96], // NAT64: reaches the IPv4 address it embeds
  ['100::', 64], // discard-only
  ['fc00::', 7], // unique local, including AWS's metadata fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  BLOCKED.addSubnet(network, prefix, 'ipv6');
}

/** Why an address may not be the target of an outgoing request, or null when it may. */
export function blockedAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return 'không phải địa chỉ IP';
  // BlockList checks IPv4-mapped IPv6 addresses against the IPv4 rules.
  return BLOCKED.check(address, family === 4 ? 'ipv4' : 'ipv6') ? `địa chỉ nội bộ hoặc dành riêng (${address})` : null;
}

export interface ResolvedTarget {
  url: URL;
  /** The address the request must connect to: the one that was checked. */
  address: string;
  family: 4 | 6;
}

export class UnsafeUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsafeUrlError';
  }
}

export type Resolve = (host: string) => Promise<{ address: string; family: number }[]>;

const systemResolve: Resolve = (host) => dnsLookup(host, { all: true, verbatim: true });

/**
 * Parses and resolves an outgoing URL, refusing anything but http(s) and any host with an address
 * that is not public (every address the name resolves to is checked, so a name with one public and
 * one private record is refused). `allowPrivate` skips the address rules (development, tests).
 */
export async function resolvePublicUrl(
  raw: string,
  { allowPrivate = false, resolve = systemResolve }: { allowPrivate?: boolean; resolve?: Resolve } = {},
): Promise<ResolvedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UnsafeUrlError('không phải URL hợp lệ');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UnsafeUrlError('chỉ nhận http hoặc https');
  if (url.username || url.password) throw new UnsafeUrlError('không được chứa tên đăng nhập hoặc mật khẩu');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await resolve(host);
    } catch {
      throw new UnsafeUrlError(`không phân giải được tên miền ${host}`);
    }
    if (addresses.length === 0) throw new UnsafeUrlError(`không phân giải được tên miền ${host}`);
  }
  if (!allowPrivate) {
    for (const { address } of addresses) {
      const reason = blockedAddressReason(address);
      if (reason) throw new UnsafeUrlError(`không được gửi tới ${reason}`);
    }
  }
  const [first] = addresses;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
