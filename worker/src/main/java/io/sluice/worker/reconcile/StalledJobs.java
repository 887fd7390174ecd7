package io.sluice.worker.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.sluice.worker.reconcile.ChunkTopicOffsets.Session;
import io.sluice.worker.reconcile.JobWatch.Notice;
import io.sluice.worker.reconcile.JobWatch.Watched;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rule for {@code QUEUED} and {@code RUNNING} jobs that make no progress. One watched
 * without progress for the stall warning is reported; past the stall timeout it is failed
 * only if, besides, the workers' consumer group has consumed every record that was on the
 * chunk topics (the main one and the express lane) when the watch began: then its missing
 * chunks are not on the topic, and a broker outage or a backlog can never pass for a lost
 * chunk (ADR 0018).
 *
 * <p>
 * A tick uses it in three steps, so that no lock or connection is held while Kafka is
 * asked: {@link #askKafka} before the tick's transaction, {@link #judge} inside it, and
 * {@link #recordTopicEnds} for the watches that began in it, after it.
 */
class StalledJobs {

	private static final Logger log = LoggerFactory.getLogger(StalledJobs.class);

	private final OpenJobs jobs;

	private final JobWatch watch;

	private final ReconcilerProperties properties;

	StalledJobs(OpenJobs jobs, JobWatch watch, ReconcilerProperties properties) {
		this.jobs = jobs;
		this.watch = watch;
		this.properties = properties;
	}

	/**
	 * Asks Kafka about every watched job that may be reported or judged by this tick: one
	 * whose watch reaches the stall warning (not yet reported) or the stall timeout
	 * within an interval of {@code now}, since the tick reads the jobs after asking.
	 * @return the answers by job
	 */
	Map<UUID, TopicAnswer> askKafka(Instant now, Session kafka) {
		Instant read = now.plus(this.properties.interval());
		Map<UUID, TopicAnswer> answers = new HashMap<>();
		for (Watched watched : this.watch.watched()) {
			Duration unchanged = Duration.between(watched.unchangedSince(), read);
			boolean reportDue = !watched.noticed(Notice.STALLED)
					&& unchanged.compareTo(this.properties.stallWarning()) >= 0;
			boolean verdictDue = unchanged.compareTo(this.properties.stallTimeout()) >= 0;
			if (watched.job().awaitingChunks() && (reportDue || verdictDue)) {
				answers.put(watched.job().id(), ask(watched, kafka));
			}
		}
		return answers;
	}

	/**
	 * Reports a job watched without progress for at least the stall warning, once per
	 * watch, and fails it past the stall timeout if Kafka's answer allows.
	 * @param answer what {@link #askKafka} learnt about it this tick, if anything
	 * @return whether it was failed
	 */
	boolean judge(Watched watched, TopicAnswer answer) {
		OpenJob job = watched.job();
		TopicAnswer current = (answer != null && answer.watchStart().equals(watched.unchangedSince())) ? answer : null;
		List<Integer> missing = this.jobs.missingChunks(job);
		String chunks = ((missing.size() == 1) ? "chunk " : "chunks ") + ChunkRanges.format(missing) + " of "
				+ job.chunkCount();
		if (watched.unchangedFor().compareTo(this.properties.stallTimeout()) >= 0) {
			return (current != null) && failIfConsumed(watched, current, chunks);
		}
		if (!watched.noticed(Notice.STALLED)) {
			log.warn("Job {} ({}) has made no progress for {}: {} {} not arrived ({} done){}", job.id(), job.status(),
					Reconciler.describe(watched.unchangedFor()), chunks, (missing.size() == 1) ? "has" : "have",
					job.chunksDone(), outlook(current));
			this.watch.noticed(job.id(), Notice.STALLED);
		}
		return false;
	}

	/**
	 * Reads the chunk topic's end offsets for every watch of a job awaiting chunks that
	 * has none yet: those that began in this tick, or earlier while Kafka did not answer
	 * (read later, they only ask for more to be consumed).
	 */
	void recordTopicEnds(Session kafka) {
		List<Watched> unrecorded = this.watch.watched()
			.stream()
			.filter((watched) -> watched.job().awaitingChunks() && watched.topicEnds() == null)
			.toList();
		if (unrecorded.isEmpty()) {
			return;
		}
		try {
			TopicEnds ends = kafka.endOffsets();
			unrecorded
				.forEach((watched) -> this.watch.recordTopicEnds(watched.job().id(), watched.unchangedSince(), ends));
		}
		catch (KafkaUnavailableException ex) {
			log.debug("End offsets not recorded for {} watches: {}", unrecorded.size(), ex.getMessage());
		}
	}

	private TopicAnswer ask(Watched watched, Session kafka) {
		if (watched.topicEnds() == null) {
			return TopicAnswer.unanswered(watched.unchangedSince(), "Kafka has not answered with the end offsets of "
					+ ChunkTopicOffsets.TOPICS_NAMED + " since the watch began");
		}
		try {
			return new TopicAnswer(watched.unchangedSince(), kafka.backlog(watched.topicEnds()), null);
		}
		catch (KafkaUnavailableException ex) {
			return TopicAnswer.unanswered(watched.unchangedSince(), ex.getMessage());
		}
	}

	private boolean failIfConsumed(Watched watched, TopicAnswer answer, String chunks) {
		OpenJob job = watched.job();
		String unchangedFor = Reconciler.describe(watched.unchangedFor());
		if (answer.backlog() == null) {
			if (!watched.noticed(Notice.WAITING_FOR_KAFKA)) {
				log.warn("Job {} has made no progress for {} but is not failed: {}; the verdict waits for Kafka",
						job.id(), unchangedFor, answer.unanswered());
				this.watch.noticed(job.id(), Notice.WAITING_FOR_KAFKA);
			}
			return false;
		}
		if (!answer.backlog().consumed()) {
			if (!watched.noticed(Notice.WAITING_FOR_WORKERS)) {
				log.info(
						"Job {} has made no progress for {} but is not failed: the workers have not yet consumed "
								+ "everything that was on {} when the watch began ({} to go); it fails once they have, "
								+ "unless {} arrive",
						job.id(), unchangedFor, ChunkTopicOffsets.TOPICS_NAMED, answer.backlog().describe(), chunks);
				this.watch.noticed(job.id(), Notice.WAITING_FOR_WORKERS);
			}
			return false;
		}
		String reason = "No progress for " + unchangedFor + ": " + chunks + " never arrived";
		boolean failed = this.jobs.failStalled(job, reason);
		if (failed) {
			log.warn("Failed job {}: {}", job.id(), reason);
		}
		return failed;
	}

	/** The end of a stall report: what the verdict waits for. */
	private String outlook(TopicAnswer answer) {
		String timeout = Reconciler.describe(this.properties.stallTimeout());
		if (answer == null || answer.backlog() == null) {
			return "; it fails after " + timeout + " once Kafka says the workers have consumed what was on "
					+ ChunkTopicOffsets.TOPICS_NAMED;
		}
		if (!answer.backlog().consumed()) {
			return "; the workers are behind by " + answer.backlog().describe() + ", the likely cause; it fails after "
					+ timeout + " only once they have caught up";
		}
		return "; it fails after " + timeout;
	}

	/**
	 * What Kafka said this tick about the records that were on the chunk topic when one
	 * watch began.
	 *
	 * @param watchStart the watch it is about
	 * @param backlog what the workers have still to consume of them; {@code null} if
	 * Kafka did not answer
	 * @param unanswered why there is no backlog, or {@code null}
	 */
	record TopicAnswer(Instant watchStart, Backlog backlog, String unanswered) {

		static TopicAnswer unanswered(Instant watchStart, String why) {
			return new TopicAnswer(watchStart, null, why);
		}

	}

}
