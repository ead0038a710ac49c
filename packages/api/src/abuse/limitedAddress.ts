import ipaddr from "ipaddr.js";

/**
 * The client's address as the limits count it. An IPv4 address is counted whole. An IPv6 address is
 * counted by its first 64 bits, written as the network (`2001:db8:1:2::/64`): that is what one
 * subscriber, one household or one server is given, and it can use any of its 2^64 addresses, so
 * counting each one apart would be no limit at all. An IPv4 address written as IPv6 (`::ffff:192.0.2.1`,
 * as a dual-stack socket shows it) is the IPv4 address. Anything else is counted as it is.
 */
export function limitedAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const parsed = ipaddr.parse(ip);
  if (parsed.kind() === "ipv4") return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const network = new ipaddr.IPv6([...v6.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toString()}/64`;
}
