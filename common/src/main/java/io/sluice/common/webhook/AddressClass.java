package io.sluice.common.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * What kind of address a callback would be sent to. Only {@link #PUBLIC} addresses may
 * receive callbacks, unless {@code sluice.webhook.allow-private} is set: every other kind
 * reaches something a client of the API must not reach through Sluice's network position
 * (server-side request forgery; OWASP API7). IPv6 addresses that embed an IPv4 address
 * (mapped, compatible, NAT64 and 6to4) are judged by the IPv4 address they embed.
 */
public enum AddressClass {

	/** Any other address: reachable on the internet. */
	PUBLIC("a public address"),
	/** {@code 0.0.0.0/8}, {@code ::}: "this host", which reaches the sender itself. */
	UNSPECIFIED("the unspecified address"),
	/** {@code 127.0.0.0/8}, {@code ::1}. */
	LOOPBACK("a loopback address"),
	/**
	 * {@code 10.0.0.0/8}, {@code 172.16.0.0/12}, {@code 192.168.0.0/16}, the shared
	 * (carrier-grade NAT) {@code 100.64.0.0/10} and the deprecated IPv6 site-local
	 * {@code fec0::/10}.
	 */
	PRIVATE("a private address"),
	/**
	 * {@code 169.254.0.0/16}, where cloud metadata services answer
	 * ({@code 169.254.169.254}), and {@code fe80::/10}.
	 */
	LINK_LOCAL("a link-local address, where cloud metadata services answer"),
	/** {@code fc00::/7}. */
	UNIQUE_LOCAL("a unique-local IPv6 address"),
	/** {@code 224.0.0.0/4}, {@code ff00::/8}. */
	MULTICAST("a multicast address"),
	/**
	 * {@code 240.0.0.0/4} with the broadcast address, IETF protocol assignments
	 * ({@code 192.0.0.0/24}), documentation and benchmarking ranges, IPv6 documentation
	 * ({@code 2001:db8::/32}), discard ({@code 100::/64}) and Teredo ({@code 2001::/32}).
	 */
	RESERVED("a reserved address");

	private final String description;

	AddressClass(String description) {
		this.description = description;
	}

	/**
	 * Says what this kind is, for a message: for example "a loopback address".
	 * @return the description
	 */
	public String description() {
		return this.description;
	}

	/**
	 * Classifies an address. Pure: no DNS.
	 * @param address the address
	 * @return its class
	 */
	public static AddressClass of(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (address instanceof Inet4Address) {
			return ofIpv4(bytes, 0);
		}
		if (address instanceof Inet6Address) {
			return ofIpv6(bytes);
		}
		throw new IllegalArgumentException("Neither IPv4 nor IPv6: " + address);
	}

	private static AddressClass ofIpv4(byte[] bytes, int at) {
		int a = bytes[at] & 0xff;
		int b = bytes[at + 1] & 0xff;
		int c = bytes[at + 2] & 0xff;
		if (a == 0) {
			return UNSPECIFIED;
		}
		if (a == 127) {
			return LOOPBACK;
		}
		if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)
				|| (a == 100 && b >= 64 && b <= 127)) {
			return PRIVATE;
		}
		if (a == 169 && b == 254) {
			return LINK_LOCAL;
		}
		if (a >= 224 && a <= 239) {
			return MULTICAST;
		}
		if (a >= 240 || (a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && (b == 18 || b == 19))
				|| (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
			return RESERVED;
		}
		return PUBLIC;
	}

	private static AddressClass ofIpv6(byte[] bytes) {
		if (zeros(bytes, 0, 16)) {
			return UNSPECIFIED;
		}
		if (zeros(bytes, 0, 15) && bytes[15] == 1) {
			return LOOPBACK;
		}
		// ::a.b.c.d (compatible) and ::ffff:a.b.c.d (mapped)
		if (zeros(bytes, 0, 10) && ((bytes[10] == 0 && bytes[11] == 0) || (bytes[10] == -1 && bytes[11] == -1))) {
			return ofIpv4(bytes, 12);
		}
		int first = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
		int second = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
		// 64:ff9b::a.b.c.d (NAT64)
		if (first == 0x0064 && second == 0xff9b && zeros(bytes, 4, 12)) {
			return ofIpv4(bytes, 12);
		}
		// 2002:aabb:ccdd::/48 (6to4)
		if (first == 0x2002) {
			return ofIpv4(bytes, 2);
		}
		if ((first & 0xffc0) == 0xfe80) {
			return LINK_LOCAL;
		}
		if ((first & 0xffc0) == 0xfec0) {
			return PRIVATE;
		}
		if ((first & 0xfe00) == 0xfc00) {
			return UNIQUE_LOCAL;
		}
		if ((first & 0xff00) == 0xff00) {
			return MULTICAST;
		}
		if ((first == 0x2001 && (second == 0x0db8 || second == 0x0000)) || (first == 0x0100 && zeros(bytes, 2, 8))) {
			return RESERVED;
		}
		return PUBLIC;
	}

	private static boolean zeros(byte[] bytes, int from, int to) {
		for (int i = from; i < to; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

}
