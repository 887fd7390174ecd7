package io.sluice.common.chunk;

/**
 * Names and limits of the Kafka topics that carry chunks.
 */
public final class ChunkTopics {

	/** The topic the API publishes chunks to and the workers consume. */
	public static final String PHOTO_CHUNKS = "sluice.photo-chunks";

	/**
	 * Records that can never succeed, with the exception class and message in headers.
	 */
	public static final String DEAD_LETTER = "sluice.photo-chunks.dlt";

	/**
	 * Largest encoded chunk the API publishes; the topic and producer allow twice this.
	 */
	public static final int MAX_CHUNK_BYTES = 1024 * 1024;

	/**
	 * {@code max.message.bytes} of both topics and {@code max.request.size} of producers.
	 */
	public static final int MAX_RECORD_BYTES = 2 * MAX_CHUNK_BYTES;

	private ChunkTopics() {
	}

}
