package io.sluice.common.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The 16-byte key that makes a photo unique in its album: the MD5 of the URL's UTF-8
 * bytes, carried as a {@link UUID} so PostgreSQL stores and compares it as a fixed-width
 * {@code uuid}. Computed on the client, where CPU is cheap, rather than on the database
 * server, where it is the bottleneck. Equal to PostgreSQL's {@code md5(url)::uuid}.
 */
public final class UrlHash {

	/**
	 * One digest per thread: looking a provider up for every URL costs more than hashing
	 * it.
	 */
	private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(UrlHash::md5);

	private UrlHash() {
	}

	public static UUID of(String url) {
		return ofUtf8(url.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The hash of a URL already encoded, for callers that need its bytes anyway.
	 * @param url the URL's UTF-8 bytes
	 * @return {@link #of(String)} of that URL
	 */
	public static UUID ofUtf8(byte[] url) {
		byte[] digest = MD5.get().digest(url);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (digest[i] & 0xff);
			low = (low << 8) | (digest[i + 8] & 0xff);
		}
		return new UUID(high, low);
	}

	private static MessageDigest md5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform provides MD5", ex);
		}
	}

}
