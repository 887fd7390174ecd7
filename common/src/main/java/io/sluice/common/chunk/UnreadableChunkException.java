package io.sluice.common.chunk;

/**
 * A record on the chunk topic that can never be processed: not JSON, an unknown schema
 * version, or a missing or impossible field. Retrying it cannot help, so it belongs on
 * the dead-letter topic.
 */
public class UnreadableChunkException extends RuntimeException {

	public UnreadableChunkException(String message) {
		super(message);
	}

	public UnreadableChunkException(String message, Throwable cause) {
		super(message, cause);
	}

}
