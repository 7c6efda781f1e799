import net from "node:net";

/** An IP address or a CIDR range (`10.0.0.0/8`, `fd00::/8`). */
export function isProxyEntry(entry: string) {
  const parts = entry.split("/");
  if (parts.length > 2) return false;
  const family = net.isIP(parts[0]!);
  if (!family) return false;
  if (parts.length === 1) return true;
  if (!/^\d{1,3}$/.test(parts[1]!)) return false;
  return Number(parts[1]) <= (family === 4 ? 32 : 128);
}

/** IPv4 seen through an IPv6 socket arrives as `::ffff:a.b.c.d`. */
function plain(address: string) {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export type TrustedProxies = (address: string) => boolean;

/** A matcher for the configured proxies (addresses and CIDR ranges, both families). */
export function trustedProxies(entries: readonly string[]): TrustedProxies {
  if (entries.length === 0) return () => false;
  const list = new net.BlockList();
  for (const entry of entries) {
    const [address, bits] = entry.split("/") as [string, string | undefined];
    const family = net.isIP(address) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(plain(address), family);
    else list.addSubnet(plain(address), Number(bits), family);
  }
  return (address) => {
    const ip = plain(address);
    const family = net.isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? "ipv6" : "ipv4");
  };
}

/**
 * The client's address: the socket's, unless the socket is a trusted proxy; then the
 * X-Forwarded-For list is read from the right, skipping trusted proxies, and the first address
 * that is not one is the client. A hop that is not an address ends the walk at the proxy that
 * reported it, so a client cannot forge its way past the proxies.
 */
export function resolveClientAddress(remote: string | undefined, forwardedFor: string | undefined | null, isTrusted: TrustedProxies) {
  if (!remote) return "unknown";
  let current = plain(remote);
  if (!isTrusted(current) || !forwardedFor) return current;
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = plain(hops[i]!);
    if (!net.isIP(hop)) return current;
    current = hop;
    if (!isTrusted(hop)) return hop;
  }
  return current;
}
