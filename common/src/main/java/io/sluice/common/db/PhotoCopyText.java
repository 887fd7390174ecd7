package io.sluice.common.db;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows of the {@code photo} table in the text format of PostgreSQL's {@code COPY}, built
 * straight into UTF-8 bytes: one line per photo, columns separated by tabs, in the column
 * order of {@link #COPY}. Shared by the worker, which writes chunks this way, and the
 * benchmark's ceiling, so both send the database the same bytes.
 *
 * <p>
 * Bytes rather than a {@code StringBuilder}: the rows of a 100,000-photo job are about 17
 * MB, and building them character by character, then encoding them, was a third of the
 * worker's CPU time. Not thread-safe; reuse one per thread with {@link #clear()}.
 */
public final class PhotoCopyText {

	/** The statement whose input {@link #appendRow} writes. */
	public static final String COPY = "COPY photo (album_id, url_hash, url, caption, job_id) FROM STDIN";

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] NULL = { '\\', 'N' };

	private byte[] bytes;

	private int length;

	/**
	 * An empty text.
	 * @param capacity bytes to reserve, for example 200 per photo
	 */
	public PhotoCopyText(int capacity) {
		this.bytes = new byte[Math.max(capacity, 64)];
	}

	/**
	 * Appends one photo row, ending in a newline.
	 * @param albumId the album, as {@link #ascii(String)} of its decimal text
	 * @param urlHash the URL's hash ({@link UrlHash#of})
	 * @param url the URL's UTF-8 bytes
	 * @param caption the caption, or {@code null}
	 * @param jobId the job, as {@link #ascii(String)} of its text
	 */
	public void appendRow(byte[] albumId, UUID urlHash, byte[] url, String caption, byte[] jobId) {
		append(albumId);
		append((byte) '\t');
		appendUuid(urlHash);
		append((byte) '\t');
		appendText(url);
		append((byte) '\t');
		if (caption == null) {
			append(NULL);
		}
		else {
			appendText(caption.getBytes(StandardCharsets.UTF_8));
		}
		append((byte) '\t');
		append(jobId);
		append((byte) '\n');
	}

	/**
	 * Appends one text value: backslash, tab, newline and carriage return escaped. In
	 * UTF-8 those are single bytes that never occur inside a multi-byte character, so
	 * scanning bytes is safe. U+0000 cannot be sent at all (PostgreSQL text cannot hold
	 * it); the API refuses it.
	 * @param utf8 the value's UTF-8 bytes
	 */
	public void appendText(byte[] utf8) {
		ensure(utf8.length);
		int from = 0;
		for (int i = 0; i < utf8.length; i++) {
			byte escaped = escaped(utf8[i]);
			if (escaped != 0) {
				append(utf8, from, i - from);
				ensure(2 + utf8.length - i);
				this.bytes[this.length++] = '\\';
				this.bytes[this.length++] = escaped;
				from = i + 1;
			}
		}
		append(utf8, from, utf8.length - from);
	}

	/** The rows so far, to hand to {@code CopyManager.copyIn}. */
	public InputStream stream() {
		return new ByteArrayInputStream(this.bytes, 0, this.length);
	}

	/** A copy of the rows so far. */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.length);
	}

	/**
	 * The rows so far, in place: valid up to {@link #length()}, until the next append.
	 */
	public byte[] buffer() {
		return this.bytes;
	}

	public int length() {
		return this.length;
	}

	/** Forgets the rows, keeping the buffer. */
	public void clear() {
		this.length = 0;
	}

	/**
	 * A column value every row of a chunk shares (the album, the job), encoded once.
	 * @param value ASCII text
	 * @return its bytes
	 */
	public static byte[] ascii(String value) {
		return value.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte escaped(byte b) {
		return switch (b) {
			case '\\' -> '\\';
			case '\t' -> 't';
			case '\n' -> 'n';
			case '\r' -> 'r';
			default -> 0;
		};
	}

	private void appendUuid(UUID uuid) {
		ensure(36);
		long high = uuid.getMostSignificantBits();
		long low = uuid.getLeastSignificantBits();
		appendHex(high >>> 32, 8);
		this.bytes[this.length++] = '-';
		appendHex(high >>> 16, 4);
		this.bytes[this.length++] = '-';
		appendHex(high, 4);
		this.bytes[this.length++] = '-';
		appendHex(low >>> 48, 4);
		this.bytes[this.length++] = '-';
		appendHex(low, 12);
	}

	/** The lowest {@code digits} hex digits of {@code value}. */
	private void appendHex(long value, int digits) {
		for (int i = digits - 1; i >= 0; i--) {
			this.bytes[this.length + i] = HEX[(int) (value & 0xf)];
			value >>>= 4;
		}
		this.length += digits;
	}

	private void append(byte b) {
		ensure(1);
		this.bytes[this.length++] = b;
	}

	private void append(byte[] source) {
		append(source, 0, source.length);
	}

	private void append(byte[] source, int offset, int count) {
		ensure(count);
		System.arraycopy(source, offset, this.bytes, this.length, count);
		this.length += count;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
