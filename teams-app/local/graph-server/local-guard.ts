/**
 * What keeps local mode local (issue 17): a request must be addressed to this machine by name
 * (Host allow-list, against DNS rebinding: a page on evil.example that re-points its name at
 * 127.0.0.1 still sends `Host: evil.example`), local control endpoints answer loopback peers only,
 * and a bearer token must match the random one kept in the data folder. Used by the local Graph
 * server and by the app server in local mode.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** Host names a loopback server may be addressed by. */
const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

/**
 * Whether a Host header names this loopback server: `127.0.0.1:<port>`, `localhost:<port>` or
 * `[::1]:<port>` with the port it listens on (a port-less name is allowed only on port 80). Extra
 * names may be allowed (the interface a server was told to bind).
 */
export function isAllowedHost(host: string | undefined, port: number, extraNames: string[] = []): boolean {
  if (!host) return false;
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(host.trim());
  if (!match) return false;
  const name = match[1]!.toLowerCase().replace(/\.$/, '');
  const hostPort = match[2] === undefined ? 80 : Number(match[2]);
  if (hostPort !== port) return false;
  return [...LOOPBACK_NAMES, ...extraNames.map((n) => (n.includes(':') && !n.startsWith('[') ? `[${n}]` : n).toLowerCase())].includes(name);
}

/** Whether a peer address is this machine (IPv4 127/8, IPv6 ::1, or IPv4-mapped loopback). */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  return a === '::1' || a.startsWith('127.') || a.startsWith('::ffff:127.');
}

/** Whether an Authorization header carries exactly this bearer token (compared in constant time). */
export function bearerMatches(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!, 'utf8');
  const wanted = Buffer.from(token, 'utf8');
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/** A new random token: 32 bytes, base64url. */
export function newLocalToken(): string {
  return randomBytes(32).toString('base64url');
}
