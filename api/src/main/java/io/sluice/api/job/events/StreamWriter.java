package io.sluice.api.job.events;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter.SseEventBuilder;

/**
 * Writes the queued events of the job event streams on threads of its own, never the
 * poller's: one writer at a time per stream, in order. A write to a client that stopped
 * reading blocks only the thread writing to that stream, until the client reads again,
 * the socket's own write timeout ({@code server.tomcat.connection-timeout}) fails it, or
 * the poller gives the stream up ({@code sluice.api.events.write-timeout}). Every call on
 * an emitter (sends and completion, which share the emitter's lock) is made here, so the
 * poller never waits on a blocked write.
 */
final class StreamWriter {

	private static final Logger log = LoggerFactory.getLogger(StreamWriter.class);

	private final Executor executor;

	private final BiConsumer<JobEventStream, Exception> failed;

	/**
	 * A writer.
	 * @param executor the threads that write; one is busy per stream being written to
	 * @param failed told when a write fails or no thread could take the stream
	 */
	StreamWriter(Executor executor, BiConsumer<JobEventStream, Exception> failed) {
		this.executor = executor;
		this.failed = failed;
	}

	/**
	 * Makes sure a thread writes the stream's queued events, unless one already does.
	 * @param stream the stream
	 */
	void schedule(JobEventStream stream) {
		if (!stream.claimDrain()) {
			return;
		}
		try {
			this.executor.execute(() -> drain(stream));
		}
		catch (RejectedExecutionException ex) {
			stream.releaseDrain();
			this.failed.accept(stream, ex);
		}
	}

	private void drain(JobEventStream stream) {
		do {
			SseEventBuilder event;
			while ((event = stream.next()) != null) {
				if (!write(stream, event)) {
					return;
				}
			}
			stream.releaseDrain();
		}
		// an event queued after the last poll and before the release: keep going
		while (stream.hasQueued() && stream.claimDrain());
	}

	/**
	 * Writes one event, or completes the emitter for {@link JobEventStream#END}.
	 * @return {@code false} if the stream is finished and must not be drained again
	 */
	private boolean write(JobEventStream stream, SseEventBuilder event) {
		if (event == JobEventStream.END) {
			complete(stream);
			return false;
		}
		stream.writeStarted(System.nanoTime());
		try {
			stream.emitter().send(event);
			return true;
		}
		catch (IOException | RuntimeException ex) {
			// the client has gone away: drop the rest; the drain stays claimed forever
			this.failed.accept(stream, ex);
			complete(stream);
			return false;
		}
		finally {
			stream.writeDone();
		}
	}

	private void complete(JobEventStream stream) {
		try {
			stream.emitter().complete();
		}
		catch (RuntimeException ex) {
			log.debug("Completing the event stream of job {} failed", stream.jobId(), ex);
		}
	}

}
