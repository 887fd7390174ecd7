package io.sluice.api.job.submit.publish;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sluice.common.chunk.ChunkCodec;
import io.sluice.common.chunk.ChunkPhoto;
import io.sluice.common.chunk.PhotoChunk;

/**
 * Cuts a job's photos into chunks of at most {@code maxPhotos} photos whose encoded
 * record value ({@link ChunkCodec}) is at most {@code maxBytes} bytes. The size is an
 * upper bound computed per character (JSON escapes and UTF-8 width), so no chunk is ever
 * encoded to find out. Pure: no I/O.
 */
public final class JobChunker {

	/**
	 * Upper bound of a chunk's JSON without its photos and owner: field names, a UUID,
	 * four numbers of at most 19 digits, brackets (about 195 bytes).
	 */
	static final int ENVELOPE_BYTES = 256;

	/**
	 * Upper bound of one photo's JSON without its two strings:
	 * {@code {"url":,"caption":},} plus {@code null} for a missing caption (26 bytes).
	 */
	static final int PHOTO_OVERHEAD_BYTES = 32;

	/**
	 * {@link #encodedLength(String)} of each ASCII character, looked up rather than
	 * branched on: most characters of a job are ASCII, and this loop runs over all of
	 * them.
	 */
	private static final byte[] ASCII_BYTES = asciiBytes();

	private final int maxPhotos;

	private final int maxBytes;

	/**
	 * A chunker.
	 * @param maxPhotos most photos in one chunk
	 * @param maxBytes most bytes of one chunk's encoded value
	 */
	public JobChunker(int maxPhotos, int maxBytes) {
		this.maxPhotos = maxPhotos;
		this.maxBytes = maxBytes;
	}

	/**
	 * Cuts the photos into chunks, keeping their order.
	 * @param jobId the job
	 * @param owner the job's owner
	 * @param albumId the album
	 * @param photos the photos, at least one
	 * @return the chunks, each holding a view of a contiguous slice of {@code photos}
	 * @throws IllegalArgumentException if a single photo cannot fit in a chunk (the
	 * validator's length limits make that impossible for accepted requests)
	 */
	public List<PhotoChunk> split(UUID jobId, String owner, long albumId, List<ChunkPhoto> photos) {
		long budget = (long) this.maxBytes - ENVELOPE_BYTES - encodedLength(owner);
		List<Integer> starts = new ArrayList<>();
		int start = 0;
		long bytes = 0;
		for (int i = 0; i < photos.size(); i++) {
			long size = encodedLength(photos.get(i));
			if (size > budget) {
				throw new IllegalArgumentException("Photo " + i + " of job " + jobId + " encodes to up to " + size
						+ " bytes, more than a chunk can hold (" + budget + ")");
			}
			if (i - start == this.maxPhotos || bytes + size > budget) {
				starts.add(start);
				start = i;
				bytes = 0;
			}
			bytes += size;
		}
		if (!photos.isEmpty()) {
			starts.add(start);
		}
		List<PhotoChunk> chunks = new ArrayList<>(starts.size());
		for (int index = 0; index < starts.size(); index++) {
			int from = starts.get(index);
			int to = (index + 1 < starts.size()) ? starts.get(index + 1) : photos.size();
			chunks.add(new PhotoChunk(PhotoChunk.SCHEMA_VERSION, jobId, owner, albumId, index, starts.size(), from,
					photos.subList(from, to)));
		}
		return chunks;
	}

	/**
	 * Upper bound of one photo's share of a chunk's encoded size, separator included.
	 * @param photo the photo
	 * @return bytes
	 */
	static long encodedLength(ChunkPhoto photo) {
		return PHOTO_OVERHEAD_BYTES + encodedLength(photo.url()) + encodedLength(photo.caption());
	}

	/**
	 * Upper bound of a string's size as a JSON value in UTF-8, quotes included: 6 bytes
	 * for a {@code \}{@code uXXXX} escape (control characters, unpaired surrogates), 2
	 * for an escaped quote, backslash or (should an encoder escape it) slash, and the
	 * UTF-8 width for everything else (4 for a surrogate pair).
	 * @param value the string, or {@code null} (encoded as {@code null})
	 * @return bytes
	 */
	static long encodedLength(String value) {
		if (value == null) {
			return 4;
		}
		long bytes = 2;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x80) {
				bytes += ASCII_BYTES[c];
			}
			else if (c < 0x800) {
				bytes += 2;
			}
			else if (Character.isHighSurrogate(c) && i + 1 < value.length()
					&& Character.isLowSurrogate(value.charAt(i + 1))) {
				bytes += 4;
				i++;
			}
			else if (Character.isSurrogate(c)) {
				bytes += 6;
			}
			else {
				bytes += 3;
			}
		}
		return bytes;
	}

	private static byte[] asciiBytes() {
		byte[] bytes = new byte[0x80];
		for (char c = 0; c < 0x80; c++) {
			if (c == '\b' || c == '\t' || c == '\n' || c == '\f' || c == '\r') {
				bytes[c] = 2;
			}
			else if (c < 0x20) {
				bytes[c] = 6;
			}
			else if (c == '"' || c == '\\' || c == '/') {
				bytes[c] = 2;
			}
			else {
				bytes[c] = 1;
			}
		}
		return bytes;
	}

}
