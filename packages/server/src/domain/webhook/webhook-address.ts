import { lookup } from 'node:dns/promises';
import { isIP, isIPv4, isIPv6 } from 'node:net';

/**
 * Where a webhook may be sent: no server-side request forgery. A receiver must be on the public
 * internet — not on a loopback, private, link-local (cloud metadata at 169.254.169.254), shared,
 * multicast, documentation or otherwise reserved address, in IPv4 or IPv6 (IPv4-mapped and NAT64
 * forms are judged by the IPv4 address inside) — unless the operator allows private networks.
 * Names are judged by every address they resolve to, and the request then goes to the address
 * that was judged (`pinnedLookup`), so a name that resolves differently a moment later (DNS
 * rebinding) cannot send it elsewhere.
 */

/** A CIDR block of one address family, with what it is, for messages. */
interface Block {
  bytes: number[];
  bits: number;
  what: string;
}

const v4 = (cidr: string, what: string): Block => {
  const [address, bits] = cidr.split('/');
  return { bytes: address!.split('.').map(Number), bits: Number(bits), what };
};
const v6 = (cidr: string, what: string): Block => {
  const [address, bits] = cidr.split('/');
  return { bytes: [...parseIPv6(address!)], bits: Number(bits), what };
};

/** IPv4 blocks that are not the public internet (IANA's special-purpose registry). */
const IPV4_BLOCKS: Block[] = [
  v4('0.0.0.0/8', 'an unspecified ("this network") address'),
  v4('10.0.0.0/8', 'a private address'),
  v4('100.64.0.0/10', 'a shared (carrier-grade NAT) address'),
  v4('127.0.0.0/8', 'a loopback address'),
  v4('169.254.0.0/16', 'a link-local address'),
  v4('172.16.0.0/12', 'a private address'),
  v4('192.0.0.0/24', 'a reserved (IETF protocol) address'),
  v4('192.0.2.0/24', 'a documentation address'),
  v4('192.88.99.0/24', 'a reserved (6to4 relay) address'),
  v4('192.168.0.0/16', 'a private address'),
  v4('198.18.0.0/15', 'a benchmarking address'),
  v4('198.51.100.0/24', 'a documentation address'),
  v4('203.0.113.0/24', 'a documentation address'),
  v4('224.0.0.0/4', 'a multicast address'),
  v4('240.0.0.0/4', 'a reserved address'),
];

/**
 * IPv6 blocks inside the global unicast range (2000::/3) that are not the public internet;
 * everything outside 2000::/3 is not public either (loopback, link-local, unique local,
 * multicast …), but for the forms that carry an IPv4 address, judged by that address.
 */
const IPV6_BLOCKS: Block[] = [
  v6('2001::/23', 'a reserved (IETF protocol, e.g. Teredo) address'),
  v6('2001:db8::/32', 'a documentation address'),
  v6('2002::/16', 'a 6to4 address'),
  v6('3fff::/20', 'a documentation address'),
];

function inBlock(bytes: Uint8Array | number[], block: Block): boolean {
  for (let bit = 0; bit < block.bits; bit += 8) {
    const i = bit / 8;
    const left = block.bits - bit;
    const mask = left >= 8 ? 0xff : (0xff << (8 - left)) & 0xff;
    if ((bytes[i]! & mask) !== (block.bytes[i]! & mask)) return false;
  }
  return true;
}

/** The 16 bytes of an IPv6 address (`net.isIPv6` must hold); a zone (`%eth0`) is ignored. */
export function parseIPv6(text: string): Uint8Array {
  let address = text.split('%')[0]!.toLowerCase();
  const bytes = new Uint8Array(16);
  // A trailing dotted IPv4 part fills the last four bytes.
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  let tail: number[] = [];
  if (dotted) {
    tail = dotted[1]!.split('.').map(Number);
    address = `${address.slice(0, -dotted[1]!.length)}0:0`;
  }
  const [head, rest] = address.includes('::') ? address.split('::') : [address, undefined];
  const left = head ? head.split(':') : [];
  const right = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups =
    rest === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  groups.forEach((g, i) => {
    const n = parseInt(g, 16);
    bytes[i * 2] = n >> 8;
    bytes[i * 2 + 1] = n & 0xff;
  });
  if (tail.length) bytes.set(tail, 12);
  return bytes;
}

const ipv4Text = (b: Uint8Array | number[]) => Array.from(b).join('.');

function ipv4Kind(bytes: number[]): string | null {
  return IPV4_BLOCKS.find((b) => inBlock(bytes, b))?.what ?? null;
}

/**
 * Why `address` (an IP address, without brackets) is not on the public internet, e.g. "a
 * loopback address"; null when it is public. Anything that is not an IP address is not public.
 */
export function nonPublicReason(address: string): string | null {
  if (isIPv4(address)) return ipv4Kind(address.split('.').map(Number));
  if (!isIPv6(address)) return 'not an IP address';
  const b = parseIPv6(address);
  const zeros = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  const embedded = Array.from(b.slice(12, 16));
  // ::ffff:a.b.c.d (IPv4-mapped) and 64:ff9b::a.b.c.d (NAT64) reach the IPv4 address inside.
  const mapped = zeros(0, 10) && b[10] === 0xff && b[11] === 0xff;
  const nat64 = b[0] === 0 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zeros(4, 12);
  if (mapped || nat64) {
    const kind = ipv4Kind(embedded);
    const form = mapped ? 'an IPv4-mapped' : 'a NAT64';
    return kind ? `${form} form of ${ipv4Text(embedded)}, ${kind}` : null;
  }
  if (zeros(0, 15) && b[15] === 0) return 'the unspecified address';
  if (zeros(0, 15) && b[15] === 1) return 'a loopback address';
  if ((b[0]! & 0xe0) !== 0x20) {
    if (b[0] === 0xff) return 'a multicast address';
    if ((b[0]! & 0xfe) === 0xfc) return 'a private (unique local) address';
    if (b[0] === 0xfe && (b[1]! & 0xc0) === 0x80) return 'a link-local address';
    if (b[0] === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'a site-local address';
    return 'a reserved address (not global unicast)';
  }
  return IPV6_BLOCKS.find((block) => inBlock(b, block))?.what ?? null;
}

/** A URL's host as an address or a name: `[::1]` → `::1`. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** A receiver refused, with a message for its administrator and the log. */
export class ReceiverRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReceiverRefused';
  }
}

export interface AddressRules {
  allowPrivateNetworks: boolean;
  allowHttp: boolean;
}

/**
 * Parses and checks a receiver URL's form: absolute, http(s) as allowed, no user name or
 * password, no fragment. Throws `ReceiverRefused` saying what is wrong.
 */
export function parseReceiverUrl(text: string, rules: AddressRules): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ReceiverRefused('Not a URL: give an absolute https:// address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReceiverRefused('A receiver URL starts with https://.');
  }
  if (url.protocol === 'http:' && !rules.allowHttp) {
    throw new ReceiverRefused(
      'A receiver URL starts with https:// (the operator has not allowed http:// receivers).',
    );
  }
  if (url.username || url.password) {
    throw new ReceiverRefused(
      'A receiver URL carries no user name or password: the signature authenticates deliveries.',
    );
  }
  if (url.hash) throw new ReceiverRefused('A receiver URL has no #fragment.');
  if (!url.hostname) throw new ReceiverRefused('A receiver URL names a host.');
  return url;
}

const DNS_TIMEOUT_MS = 3000;

/** Every address `host` resolves to now (the system resolver, as connections use it). */
async function resolveAll(host: string): Promise<{ address: string; family: number }[]> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ReceiverRefused(`The host ${host} did not resolve within 3 seconds.`)),
      DNS_TIMEOUT_MS,
    );
  });
  try {
    return await Promise.race([lookup(host, { all: true, verbatim: true }), late]);
  } catch (error) {
    if (error instanceof ReceiverRefused) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new ReceiverRefused(`The host ${host} could not be resolved (${code}).`);
  } finally {
    clearTimeout(timer);
  }
}

/** Where a request goes: the address judged, for the connection to use instead of asking DNS. */
export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Judges a receiver's host: an IP address by itself, a name by every address it resolves to
 * (all must be public, so that no answer of a round-robin or rebinding resolver is private).
 * Answers the address to connect to — null for an IP literal or when private networks are
 * allowed (the connection then resolves as usual) — or throws `ReceiverRefused`.
 */
export async function checkReceiverHost(
  url: URL,
  rules: AddressRules,
): Promise<PinnedAddress | null> {
  const host = hostOf(url);
  if (isIP(host)) {
    const reason = rules.allowPrivateNetworks ? null : nonPublicReason(host);
    if (reason) {
      throw new ReceiverRefused(
        `The receiver's address ${host} is ${reason}; receivers must be on the public internet.`,
      );
    }
    return null;
  }
  if (rules.allowPrivateNetworks) return null;
  const addresses = await resolveAll(host);
  if (!addresses.length) throw new ReceiverRefused(`The host ${host} resolves to no address.`);
  for (const { address } of addresses) {
    const reason = nonPublicReason(address);
    if (reason) {
      throw new ReceiverRefused(
        `The receiver's host ${host} resolves to ${address}, ${reason}; receivers must be on the public internet.`,
      );
    }
  }
  const first = addresses[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

/**
 * A `lookup` for `http.request` that answers the pinned address whatever it is asked, in the
 * shape Node asks for (a list when it tries several addresses).
 */
export function pinnedLookup(pinned: PinnedAddress) {
  return (_host: string, options: { all?: boolean } | number, callback: LookupCallback) => {
    if (typeof options === 'object' && options.all) {
      callback(null, [{ address: pinned.address, family: pinned.family }]);
    } else {
      callback(null, pinned.address, pinned.family);
    }
  };
}
