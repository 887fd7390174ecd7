package io.sluice.common.chunk;

import java.util.List;

/**
 * Names and limits of the Kafka topics that carry chunks.
 */
public final class ChunkTopics {

	/** The topic the API publishes chunks to and the workers consume. */
	public static final String PHOTO_CHUNKS = "sluice.photo-chunks";

	/**
	 * The express lane: the chunks of small jobs, which the workers consume with their
	 * own consumer threads so that they never queue behind a large job's chunks (ADR
	 * 0023). Same records, same ledger, same dead-letter topic as {@link #PHOTO_CHUNKS}.
	 */
	public static final String EXPRESS_CHUNKS = "sluice.photo-chunks.express";

	/** Every topic that carries chunks to the workers. */
	public static final List<String> CHUNK_TOPICS = List.of(PHOTO_CHUNKS, EXPRESS_CHUNKS);

	/**
	 * Records that can never succeed, with the exception class and message in headers.
	 */
	public static final String DEAD_LETTER = "sluice.photo-chunks.dlt";

	/**
	 * Largest encoded chunk the API publishes; the topic and producer allow twice this.
	 */
	public static final int MAX_CHUNK_BYTES = 1024 * 1024;

	/**
	 * {@code max.message.bytes} of the chunk topics and {@code max.request.size} of
	 * producers.
	 */
	public static final int MAX_RECORD_BYTES = 2 * MAX_CHUNK_BYTES;

	private ChunkTopics() {
	}

}
