package io.sluice.worker.write;

import java.util.UUID;

/**
 * A chunk names a job that does not exist. Retrying cannot help: the chunk belongs on the
 * dead-letter topic.
 */
public class UnknownJobException extends RuntimeException {

	UnknownJobException(UUID jobId, int chunkIndex) {
		super("Job " + jobId + " does not exist (chunk " + chunkIndex + ")");
	}

}
